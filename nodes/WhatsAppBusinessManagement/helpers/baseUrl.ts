import { quoteInput } from './userInput';

/** Hosts that are this machine: the only ones the Access Token may reach over plain http. */
export function isLoopbackHost(hostname: string): boolean {
	return (
		hostname === 'localhost' ||
		hostname === '[::1]' ||
		/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
	);
}

/**
 * Why a request to `url` must not carry the Access Token, or null when it may: plain http
 * sends it unencrypted, which is allowed only to this machine (the simulator, a local proxy).
 */
export function cleartextTokenProblem(url: URL, shown: string): string | null {
	if (url.protocol !== 'http:' || isLoopbackHost(url.hostname)) return null;
	return `Base URL ${quoteInput(shown)} in the credential sends the Access Token unencrypted. Use https:// (http:// is allowed only for localhost, 127.x.x.x or [::1]).`;
}
