import { firstJsonObject } from '../e2e/realN8n';

test('the run JSON is cut at its closing brace, whatever follows it', () => {
	const json = '{\n  "a": "}{\\"",\n  "b": { "c": [1, {"d": "x"}] }\n}';
	const text = `log line\n${json}\nA system task run failed\n{ "later": 1 }`;
	const start = text.search(/^\{$/m);
	expect(JSON.parse(firstJsonObject(text, start))).toEqual({ a: '}{"', b: { c: [1, { d: 'x' }] } });
	expect(() => firstJsonObject('{\n "open": 1', 0)).toThrow(/unfinished/);
});
