import type { IExecuteFunctions } from 'n8n-workflow';

import { isLoopback, parseUrl } from '../helpers/url';
import { quoteInput } from '../helpers/userInput';
import { classifyHttpStatus, hintFor } from './classifyGraphError';
import { GraphApiError } from './GraphApiError';
import { errorFromException, USER_AGENT } from './graphApi';
import type { GraphConnection } from './graphApi';
import { withRetries } from './retry';

export interface DownloadedFile {
	data: Buffer;
	mimeType: string;
}

/**
 * Fetches a file Meta links to (a QR code image on its CDN) through n8n's plain request helper:
 * the address is not the Graph API, so the Access Token is not sent. Only https, or http to this
 * machine (the simulator). Not paced: CDN downloads do not spend the business's Graph budget.
 */
export async function downloadFile(
	this: IExecuteFunctions,
	connection: GraphConnection,
	address: string,
): Promise<DownloadedFile> {
	const url = parseUrl(address);
	if (
		!url ||
		!(url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname)))
	) {
		throw new GraphApiError({
			message: `Meta linked the image at ${quoteInput(address.slice(0, 200))}, which is not an https address, so it was not downloaded.`,
			category: 'server',
			retryable: false,
		});
	}
	return await withRetries(connection.retry, async () => {
		let response: { statusCode: number; body: unknown; headers: Record<string, unknown> };
		try {
			response = await this.helpers.httpRequest({
				method: 'GET',
				url: url.href,
				headers: { 'User-Agent': USER_AGENT },
				encoding: 'arraybuffer',
				timeout: connection.timeoutMs,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			});
		} catch (error) {
			throw errorFromException(error);
		}
		if (response.statusCode < 200 || response.statusCode >= 300) {
			const { category, retryable } = classifyHttpStatus(response.statusCode);
			throw new GraphApiError({
				message: `Meta's image address answered HTTP ${response.statusCode}. ${hintFor(category)}`,
				category,
				retryable,
				httpCode: response.statusCode,
			});
		}
		const type = response.headers['content-type'];
		return {
			data: Buffer.from(response.body as ArrayBuffer),
			mimeType: (typeof type === 'string' ? type : 'application/octet-stream').split(';')[0].trim(),
		};
	});
}
