/* eslint-disable @n8n/community-nodes/no-restricted-imports -- the test simulator: runs in Node.js, never inside n8n */
// Test-only routes under /__simulator/, documented in the README.
import type { ServerResponse } from 'http';

import type { SimulatorCore } from './core';
import { phoneView, seedConnectedNumber } from './resources/phoneNumbers';
import { templateView } from './resources/templates';
import type { EntityHealth, FaultSettings, Waba } from './types';

function stats(simulator: SimulatorCore) {
	const { requests } = simulator;
	const first = requests[0]?.at ?? 0;
	const counts: number[] = [];
	for (const r of requests) {
		const second = Math.floor((r.at - first) / 1000);
		counts[second] = (counts[second] ?? 0) + 1;
	}
	return {
		numbers: simulator.numbers.size,
		adds: simulator.totalAdds(),
		duplicateAdds: [...simulator.addsByNumber.values()].filter((c) => c > 1).length,
		requests: requests.length,
		throttled: simulator.throttledCalls,
		highestUsagePercent: simulator.highestUsagePercent,
		// When the calls came, in seconds from the first: the shape of a run, for benchmarks.
		throttledAtSeconds: simulator.throttledAt.map((at) => Math.round((at - first) / 100) / 10),
		callsPerSecond: Array.from(counts, (c) => c ?? 0),
		lastCallAtSeconds:
			requests.length > 0 ? Math.round((requests[requests.length - 1].at - first) / 100) / 10 : 0,
	};
}

/** A new client WABA of the business (the first by default), and its number when one is given. */
function addClientWaba(simulator: SimulatorCore, body: Record<string, unknown>) {
	const id = String(body.id ?? simulator.newId());
	const waba: Waba = {
		id,
		businessId: String(body.businessId ?? simulator.businessIds[0]),
		name: String(body.name ?? `Client ${id.slice(-4)}`),
		client: true,
		...(typeof body.currency === 'string' ? { currency: body.currency } : {}),
	};
	simulator.wabas.set(id, waba);
	const phone = typeof body.phoneNumber === 'string' ? body.phoneNumber.replace(/\D/g, '') : '';
	const phoneNumberId = phone
		? seedConnectedNumber(simulator, String(body.phoneNumberId ?? simulator.newId()), phone, {
				wabaId: id,
				status: 'PENDING',
				verified_name: waba.name,
			}).id
		: undefined;
	return { id, name: waba.name, phone_number_id: phoneNumberId };
}

export function handleControl(
	simulator: SimulatorCore,
	url: URL,
	method: string,
	body: Record<string, unknown>,
	res: ServerResponse,
) {
	const send = (value: unknown) => {
		res.writeHead(200, { 'Content-Type': 'application/json' });
		res.end(JSON.stringify(value));
	};
	const codeMatch = /^\/__simulator\/codes\/([0-9]+)$/.exec(url.pathname);
	if (codeMatch) return send({ id: codeMatch[1], code: simulator.lastCode(codeMatch[1]) ?? null });
	if (url.pathname === '/__simulator/stats') return send(stats(simulator));
	// Every Graph request in order, for pictures of a run: seconds from the first, the status,
	// the phone number's digits an add carried (which row, so which execution, sent it), and
	// whether Meta's limit refused it.
	if (url.pathname === '/__simulator/timeline') {
		const graph = simulator.requests.filter((r) => r.path.startsWith('/v'));
		const first = graph[0]?.at ?? 0;
		return send(
			graph.map((r) => [
				Math.round(r.at - first) / 1000,
				r.status,
				String(r.body?.phone_number ?? '').replace(/\D/g, '') || null,
				r.throttled ? 1 : 0,
			]),
		);
	}
	// A place for a workflow to deliver what it received, so tests can count it.
	if (url.pathname === '/__simulator/inbox') {
		if (method === 'POST') simulator.inbox.push(body);
		return send({ received: simulator.inbox.length });
	}
	if (url.pathname === '/__simulator/clock' && method === 'POST') {
		simulator.advanceClock(Number(body.advanceMs ?? 0));
		return send({ now: new Date(simulator.now()).toISOString() });
	}
	const phoneMatch = /^\/__simulator\/phone_numbers\/([0-9]+)$/.exec(url.pathname);
	const phone = phoneMatch ? simulator.phoneNumbers.get(phoneMatch[1]) : undefined;
	if (phone && method === 'POST') {
		// What Meta changes on its own: status, quality rating, messaging limit, name review.
		// (messaging_limit_tier is deprecated: Meta no longer moves it; tests may still set it.)
		for (const key of [
			'status',
			'quality_rating',
			'messaging_limit_tier',
			'whatsapp_business_manager_messaging_limit',
			'name_status',
		] as const) {
			if (typeof body[key] === 'string')
				(phone as unknown as Record<string, unknown>)[key] = body[key];
		}
		return send(
			phoneView(
				phone,
				'id,status,quality_rating,whatsapp_business_manager_messaging_limit,name_status',
			),
		);
	}
	// What Meta decides about messaging health: an entity (number, WABA, business, app) becomes
	// LIMITED or BLOCKED (with Meta's errors, or the simulator's usual ones), or AVAILABLE again.
	const healthMatch = /^\/__simulator\/health\/([0-9]+)$/.exec(url.pathname);
	if (healthMatch && method === 'POST') {
		const status = body.can_send_message;
		if (status !== 'AVAILABLE' && status !== 'LIMITED' && status !== 'BLOCKED') {
			res.writeHead(400, { 'Content-Type': 'application/json' });
			return res.end('{"error":"can_send_message must be AVAILABLE, LIMITED or BLOCKED"}');
		}
		if (status === 'AVAILABLE') simulator.health.delete(healthMatch[1]);
		else simulator.health.set(healthMatch[1], body as unknown as EntityHealth);
		return send({ id: healthMatch[1], can_send_message: status });
	}
	// What Meta decides about a template: its review (status, rejected_reason), later its quality
	// and category. Set at once, ending a review still running.
	const templateMatch = /^\/__simulator\/templates\/([0-9]+)$/.exec(url.pathname);
	const template = templateMatch ? simulator.templates.get(templateMatch[1]) : undefined;
	if (template && method === 'POST') {
		for (const key of ['status', 'rejected_reason', 'quality_score', 'category'] as const) {
			if (typeof body[key] === 'string')
				(template as unknown as Record<string, unknown>)[key] = body[key];
		}
		if (typeof body.status === 'string') template.reviewAt = undefined;
		return send(templateView(template, 'id,name,status,category,quality_score,rejected_reason'));
	}
	// A client finishes Embedded Signup: its WABA appears among the business's client WABAs, with
	// a verified number not yet registered. DELETE: the client removes the partner.
	if (url.pathname === '/__simulator/client_wabas' && method === 'POST') {
		return send(addClientWaba(simulator, body));
	}
	const clientMatch = /^\/__simulator\/client_wabas\/([0-9]+)$/.exec(url.pathname);
	const client = clientMatch ? simulator.wabas.get(clientMatch[1]) : undefined;
	if (client && method === 'DELETE') {
		client.partnerRemoved = true;
		return send({ id: client.id, partner_removed: true });
	}
	// The role of the token's system user on the partner's business (credit lines need Admin or
	// Financial Editor).
	if (url.pathname === '/__simulator/credit_role' && method === 'POST') {
		const role = body.role;
		if (role !== 'ADMIN' && role !== 'FINANCIAL_EDITOR' && role !== 'EMPLOYEE') {
			res.writeHead(400, { 'Content-Type': 'application/json' });
			return res.end('{"error":"role must be ADMIN, FINANCIAL_EDITOR or EMPLOYEE"}');
		}
		simulator.creditRole = role;
		return send({ role });
	}
	// What Meta's review decides about a number's Official Business Account request.
	const obaMatch = /^\/__simulator\/oba\/([0-9]+)$/.exec(url.pathname);
	const obaPhone = obaMatch ? simulator.phoneNumbers.get(obaMatch[1]) : undefined;
	if (obaPhone && method === 'POST') {
		const oba = (obaPhone.oba ??= { oba_status: 'NOT_STARTED' });
		if (typeof body.outcome === 'string') oba.outcome = body.outcome;
		if (typeof body.rejectedAt === 'number') oba.rejectedAt = body.rejectedAt;
		if (typeof body.oba_status === 'string') oba.oba_status = body.oba_status;
		return send({ id: obaPhone.id, ...oba, request: undefined });
	}
	if (url.pathname === '/__simulator/faults' && method === 'POST') {
		simulator.faults = { ...simulator.faults, ...(body as Partial<FaultSettings>) };
		return send(simulator.faults);
	}
	res.writeHead(404, { 'Content-Type': 'application/json' });
	res.end('{"error":"unknown simulator route"}');
}
