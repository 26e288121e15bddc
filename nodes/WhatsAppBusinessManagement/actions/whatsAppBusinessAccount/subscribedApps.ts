import type { IDataObject } from 'n8n-workflow';

/**
 * The apps in a subscribed_apps answer: the contract lists `{id, name}`, Meta's API nests them
 * as `{whatsapp_business_api_data: {id, name, link}}`; both read the same.
 */
export function readSubscribedApps(answer: IDataObject): IDataObject[] {
	const data = Array.isArray(answer.data) ? (answer.data as IDataObject[]) : [];
	return data.map((entry) => {
		const app = (entry.whatsapp_business_api_data as IDataObject | undefined) ?? entry;
		return {
			id: app.id,
			name: app.name,
			...(app.link ? { link: app.link } : {}),
			...(entry.override_callback_uri
				? { override_callback_uri: entry.override_callback_uri }
				: {}),
		};
	});
}
