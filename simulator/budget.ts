// Meta's rate budgets: one per business and one for the app, each over a sliding window,
// reported the way Meta reports them.
import { graphError } from './graph';

/** The key of the app-wide budget among the businesses' budgets. */
const APP_BUDGET = 'app';

export interface BudgetSettings {
	/** Calls a business may make per window before throttling (80008); 0 = no limit. */
	callsPerWindow: number;
	/** Calls the app may make per window, all businesses together (code 4); 0 = no limit. */
	appCallsPerWindow: number;
	windowMs: number;
	/** Also send a precise Retry-After when throttling (Meta does not). */
	retryAfterHeader: boolean;
}

export class UsageBudget {
	/** Calls answered with a throttling error by the budget. */
	throttledCalls = 0;

	/** When the budget throttled a call (the real clock, ms). */
	readonly throttledAt: number[] = [];

	/** The highest business usage reported in any answer, in percent (X-Business-Use-Case-Usage). */
	highestPercent = 0;

	private readonly usage = new Map<string, number[]>();

	constructor(private readonly settings: BudgetSettings) {}

	/**
	 * Counts a call against the app's budget and, when the path names one, the business's, the
	 * way Meta reports them: integer percentages in X-App-Usage and X-Business-Use-Case-Usage on
	 * every answer; over the business's budget, 80008 with the time to regain access in whole
	 * minutes (and a precise Retry-After only when asked for); over the app's, code 4.
	 */
	spend(businessId: string | undefined, headers: Record<string, string>): void {
		const { callsPerWindow, appCallsPerWindow, windowMs } = this.settings;
		const now = Date.now();
		const app = this.callsInWindow(APP_BUDGET, appCallsPerWindow, now);
		const business = businessId ? this.callsInWindow(businessId, callsPerWindow, now) : [];
		const businessThrottled =
			businessId !== undefined && callsPerWindow > 0 && business.length >= callsPerWindow;
		const appThrottled = appCallsPerWindow > 0 && app.length >= appCallsPerWindow;
		if (!businessThrottled && !appThrottled) {
			if (appCallsPerWindow > 0) app.push(now);
			if (businessId && callsPerWindow > 0) business.push(now);
		}
		const percentOf = (calls: number[], limit: number) =>
			limit > 0 ? Math.min(100, Math.round((calls.length / limit) * 100)) : 0;
		const appPercent = percentOf(app, appCallsPerWindow);
		headers['X-App-Usage'] = JSON.stringify({
			call_count: appPercent,
			total_cputime: Math.round(appPercent / 4),
			total_time: Math.round(appPercent / 3),
		});
		if (businessId) {
			const percent = percentOf(business, callsPerWindow);
			this.highestPercent = Math.max(this.highestPercent, percent);
			const regainMs = businessThrottled ? Math.max(0, business[0] + windowMs - now) : 0;
			headers['X-Business-Use-Case-Usage'] = JSON.stringify({
				[businessId]: [
					{
						type: 'whatsapp_business_management',
						call_count: percent,
						total_cputime: Math.round(percent / 4),
						total_time: Math.round(percent / 3),
						estimated_time_to_regain_access: Math.ceil(regainMs / 60_000),
					},
				],
			});
			if (businessThrottled && this.settings.retryAfterHeader) {
				headers['Retry-After'] = (regainMs / 1000).toFixed(3);
			}
		}
		if (businessThrottled || appThrottled) this.throttledAt.push(now);
		if (businessThrottled) {
			this.throttledCalls++;
			throw graphError(
				400,
				80008,
				'There have been too many calls to this WhatsApp Business account. Wait a bit and try again.',
				{
					is_transient: true,
					error_subcode: 2593107,
				},
			);
		}
		if (appThrottled) {
			this.throttledCalls++;
			throw graphError(400, 4, 'Application request limit reached', { is_transient: true });
		}
	}

	/**
	 * Counts `calls` calls of a business spread evenly over the window just past, as another
	 * system of the business that has been calling steadily would have made them.
	 */
	prefill(businessId: string, calls: number): void {
		const now = Date.now();
		const spread = this.settings.windowMs / Math.max(1, calls);
		const list = this.usage.get(businessId) ?? [];
		for (let i = calls; i >= 1; i--) list.push(now - i * spread + 1);
		list.sort((a, b) => a - b);
		this.usage.set(businessId, list);
	}

	/** The calls of one budget still inside the sliding window, after dropping the older ones. */
	private callsInWindow(key: string, limit: number, now: number): number[] {
		if (limit <= 0) return [];
		const calls = this.usage.get(key) ?? [];
		let expired = 0;
		while (expired < calls.length && now - calls[expired] >= this.settings.windowMs) expired++;
		if (expired > 0) calls.splice(0, expired);
		this.usage.set(key, calls);
		return calls;
	}
}
