// Lint as n8n verifies community packages: eslint-plugin-n8n-nodes-base's nodes, credentials
// and community configs (converted to flat config) and @n8n/eslint-plugin-community-nodes'
// recommended rules, which include the n8n Cloud ones.
import communityNodes from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

const legacy = (name) => n8nNodesBase.configs[name].rules;

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		languageOptions: { parser: tseslint.parser, sourceType: 'module' },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...legacy('nodes'),
			// These want the string 'main'; the newer community rules want NodeConnectionTypes.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...legacy('credentials'),
			// Written for n8n's own docs slugs; a community credential links to a full URL.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['package.json'],
		// The community rules walk package.json as a TypeScript object literal, as n8n's scanner does.
		languageOptions: { parser: tseslint.parser },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: legacy('community'),
	},
	{
		...communityNodes.configs.recommended,
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'],
		rules: { ...communityNodes.configs.recommended.rules, 'no-console': 'error' },
	},
];
