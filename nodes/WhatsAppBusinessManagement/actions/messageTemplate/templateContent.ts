import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../helpers/errors';
import { buildComponents, checkComponents, HEADER_MEDIA } from '../../helpers/templateComponents';
import type {
	ButtonForm,
	Component,
	ParameterFormat,
	TemplateCategory,
	TemplateForm,
} from '../../helpers/templateComponents';
import type { GraphConnection } from '../../transport';
import { readBinaryUpload, uploadBinary } from '../binaryUpload';
import type { BinaryUpload } from '../binaryUpload';
import { defaultCountryField } from '../common.descriptions';

// A template's content as Create and Edit ask it: fields an n8n user fills in without JSON, or
// Meta's components as JSON for what the fields do not cover (carousel, limited-time offer, flows).

const notAuthentication = { category: ['AUTHENTICATION'] };
const fromFields = { componentsInput: ['fields'] };

export const parameterFormatField: INodeProperties = {
	displayName: 'Parameter Format',
	name: 'parameterFormat',
	type: 'options',
	options: [
		{ name: 'Positional', value: 'POSITIONAL', description: 'Variables numbered {{1}}, {{2}}, …' },
		{ name: 'Named', value: 'NAMED', description: 'Variables named, e.g. {{first_name}}' },
	],
	default: 'POSITIONAL',
	description: 'How the texts name their variables',
	displayOptions: { hide: notAuthentication },
};

/** "Define Content Using", with Keep for Edit. */
export function componentsInputField(keep: boolean): INodeProperties {
	const field: INodeProperties = {
		displayName: 'Define Content Using',
		name: 'componentsInput',
		type: 'options',
		noDataExpression: true,
		options: [
			...(keep ? [{ name: 'Keep the Current Content', value: 'keep' }] : []),
			{ name: 'Fields Below', value: 'fields' },
			{
				name: 'JSON',
				value: 'json',
				description: "Meta's components as JSON: carousel, limited-time offer, flows",
			},
		],
		default: 'fields',
	};
	return keep ? { ...field, default: 'keep' } : field;
}

const headerFields: INodeProperties[] = [
	{
		displayName: 'Header',
		name: 'headerFormat',
		type: 'options',
		options: [
			{ name: 'Document', value: 'DOCUMENT', description: 'PDF, at most 100 MB' },
			{ name: 'Image', value: 'IMAGE', description: 'JPEG or PNG, at most 5 MB' },
			{
				name: 'Location',
				value: 'LOCATION',
				description: 'A map; the location is sent with each message',
			},
			{ name: 'None', value: 'NONE' },
			{ name: 'Text', value: 'TEXT' },
			{ name: 'Video', value: 'VIDEO', description: 'MP4, at most 16 MB' },
		],
		default: 'NONE',
		displayOptions: { show: fromFields, hide: notAuthentication },
	},
	{
		displayName: 'Header Text',
		name: 'headerText',
		type: 'string',
		default: '',
		placeholder: 'Your order {{1}} has shipped',
		description: 'At most 60 characters and one variable',
		displayOptions: { show: { ...fromFields, headerFormat: ['TEXT'] }, hide: notAuthentication },
	},
	{
		displayName: 'Header Example',
		name: 'headerExample',
		type: 'string',
		default: '',
		placeholder: '#12345',
		description: "An example of the header's variable, for Meta's review; needed when it has one",
		displayOptions: { show: { ...fromFields, headerFormat: ['TEXT'] }, hide: notAuthentication },
	},
	{
		displayName: 'Header Example File',
		name: 'headerMediaSource',
		type: 'options',
		options: [
			{ name: 'From Input Binary Data', value: 'binary' },
			{ name: 'Handle of an Uploaded File', value: 'handle' },
		],
		default: 'binary',
		description: "The example of the header's media, for Meta's review",
		displayOptions: {
			show: { ...fromFields, headerFormat: ['IMAGE', 'VIDEO', 'DOCUMENT'] },
			hide: notAuthentication,
		},
	},
	{
		displayName: 'Input Binary Field',
		name: 'headerBinaryField',
		type: 'string',
		default: 'data',
		description:
			"The input item's binary field holding the example file. The node uploads it with Meta's Resumable Upload API; needs the App ID in the credential.",
		displayOptions: {
			show: {
				...fromFields,
				headerFormat: ['IMAGE', 'VIDEO', 'DOCUMENT'],
				headerMediaSource: ['binary'],
			},
			hide: notAuthentication,
		},
	},
	{
		displayName: 'Header Handle',
		name: 'headerHandle',
		type: 'string',
		default: '',
		placeholder: '4::aW1hZ2UvanBn:ARY…',
		description: "The handle Meta's Resumable Upload API gave for the file",
		displayOptions: {
			show: {
				...fromFields,
				headerFormat: ['IMAGE', 'VIDEO', 'DOCUMENT'],
				headerMediaSource: ['handle'],
			},
			hide: notAuthentication,
		},
	},
];

const buttonTypes = (types: string[]) => ({ show: { type: types } });

const bodyFields: INodeProperties[] = [
	{
		displayName: 'Body',
		name: 'bodyText',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		placeholder: 'Hi {{1}}, your order {{2}} is on its way.',
		description: 'The message, at most 1,024 characters; variables as the Parameter Format says',
		displayOptions: { show: fromFields, hide: notAuthentication },
	},
	{
		displayName: 'Body Examples',
		name: 'bodyExamples',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add example',
		default: {},
		description: "An example of each of the body's variables, for Meta's review",
		displayOptions: { show: fromFields, hide: notAuthentication },
		options: [
			{
				displayName: 'Example',
				name: 'example',
				values: [
					{
						displayName: 'Variable',
						name: 'variable',
						type: 'string',
						default: '',
						placeholder: '1',
						description: 'The variable without braces: 1, 2, … or a name such as first_name',
					},
					{
						displayName: 'Example',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'Maria',
					},
				],
			},
		],
	},
	{
		displayName: 'Footer',
		name: 'footerText',
		type: 'string',
		default: '',
		placeholder: 'Reply STOP to opt out',
		description: 'At most 60 characters, no variables',
		displayOptions: { show: fromFields, hide: notAuthentication },
	},
	{
		displayName: 'Buttons',
		name: 'buttons',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add button',
		default: {},
		description: 'Up to 10: at most 2 URL, 1 phone number and 1 copy code button',
		displayOptions: { show: fromFields, hide: notAuthentication },
		options: [
			{
				displayName: 'Button',
				name: 'button',
				values: [
					{
						displayName: 'Copy Code Example',
						name: 'copyCodeExample',
						type: 'string',
						default: '',
						placeholder: 'SAVE20',
						description: 'An example of the code the button copies, at most 20 characters',
						displayOptions: buttonTypes(['COPY_CODE']),
					},
					{
						...defaultCountryField('For a phone number without a country code'),
						displayOptions: buttonTypes(['PHONE_NUMBER']),
					},
					{
						displayName: 'Phone Number',
						name: 'phoneNumber',
						type: 'string',
						default: '',
						placeholder: '+1 631 555 1000',
						description: 'The number the button calls, written any way: the node normalizes it',
						displayOptions: buttonTypes(['PHONE_NUMBER']),
					},
					{
						displayName: 'Text',
						name: 'text',
						type: 'string',
						default: '',
						description: 'The label, at most 25 characters',
						displayOptions: buttonTypes(['QUICK_REPLY', 'URL', 'PHONE_NUMBER']),
					},
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						options: [
							{ name: 'Copy Code', value: 'COPY_CODE' },
							{ name: 'Phone Number', value: 'PHONE_NUMBER' },
							{ name: 'Quick Reply', value: 'QUICK_REPLY' },
							{ name: 'URL', value: 'URL' },
						],
						default: 'QUICK_REPLY',
					},
					{
						displayName: 'URL',
						name: 'url',
						type: 'string',
						default: '',
						placeholder: 'https://example.com/orders/{{1}}',
						description: 'At most 2,000 characters; one variable, {{1}}, only at the end',
						displayOptions: buttonTypes(['URL']),
					},
					{
						displayName: 'URL Example',
						name: 'urlExample',
						type: 'string',
						default: '',
						placeholder: '12345',
						description: "An example of the URL's variable; needed when it has one",
						displayOptions: buttonTypes(['URL']),
					},
				],
			},
		],
	},
];

const showAuthentication = { show: { ...fromFields, category: ['AUTHENTICATION'] } };

const authenticationFields: INodeProperties[] = [
	{
		displayName: 'Add Security Recommendation',
		name: 'securityRecommendation',
		type: 'boolean',
		default: true,
		description: 'Whether the body adds "For your security, do not share this code."',
		displayOptions: showAuthentication,
	},
	{
		displayName: 'Code Expiry (Minutes)',
		name: 'codeExpiryMinutes',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 90 },
		default: 10,
		description: 'The footer says the code expires in this many minutes (1 to 90); 0 for no footer',
		displayOptions: showAuthentication,
	},
	{
		displayName: 'Copy Code Button Text',
		name: 'otpButtonText',
		type: 'string',
		default: 'Copy Code',
		description: 'The label of the one-time password button, at most 25 characters',
		displayOptions: showAuthentication,
	},
];

const jsonField: INodeProperties = {
	displayName: 'Components (JSON)',
	name: 'componentsJson',
	type: 'json',
	default:
		'[\n  {\n    "type": "BODY",\n    "text": "Hello {{1}}",\n    "example": { "body_text": [["Maria"]] }\n  }\n]',
	description:
		"Meta's components array as its template pages show it; the node still checks the limits it knows",
	displayOptions: { show: { componentsInput: ['json'] } },
};

export const contentFields: INodeProperties[] = [
	...headerFields,
	...bodyFields,
	...authenticationFields,
	jsonField,
];

/** The item's content, checked; a media header from binary data is uploaded at run time. */
export interface TemplateContent {
	components: Component[];
	/** The header's example file to upload, whose handle goes into components[0]. */
	upload?: BinaryUpload;
}

function readJson(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	let parsed: unknown;
	try {
		parsed = JSON.parse(value);
	} catch {
		parsed = undefined;
	}
	if (parsed === undefined) {
		throw new InputError(
			'Components (JSON) is not valid JSON: check the brackets and quotes, or use Define Content Using: Fields Below.',
		);
	}
	return parsed;
}

function readButtons(context: IExecuteFunctions, itemIndex: number): ButtonForm[] {
	const given = context.getNodeParameter('buttons.button', itemIndex, []) as IDataObject[];
	return given.map((button) => {
		const text = String(button.text ?? '').trim();
		switch (button.type) {
			case 'URL':
				return {
					type: 'URL',
					text,
					url: String(button.url ?? '').trim(),
					example: String(button.urlExample ?? '').trim(),
				};
			case 'PHONE_NUMBER':
				return {
					type: 'PHONE_NUMBER',
					text,
					phoneNumber: String(button.phoneNumber ?? ''),
					defaultCountry: String(button.defaultCountry ?? '') || undefined,
				};
			case 'COPY_CODE':
				return { type: 'COPY_CODE', example: String(button.copyCodeExample ?? '').trim() };
			default:
				return { type: 'QUICK_REPLY', text };
		}
	});
}

function readHeader(
	context: IExecuteFunctions,
	itemIndex: number,
	appId: string,
): { header: TemplateForm['header']; upload?: BinaryUpload } {
	const format = context.getNodeParameter('headerFormat', itemIndex, 'NONE') as string;
	if (format === 'TEXT') {
		return {
			header: {
				format,
				text: String(context.getNodeParameter('headerText', itemIndex, '')).trim(),
				example: String(context.getNodeParameter('headerExample', itemIndex, '')).trim(),
			},
		};
	}
	const media = HEADER_MEDIA[format];
	if (!media) return { header: { format: format === 'LOCATION' ? 'LOCATION' : 'NONE' } };
	const mediaFormat = format as 'IMAGE' | 'VIDEO' | 'DOCUMENT';
	if (context.getNodeParameter('headerMediaSource', itemIndex, 'binary') === 'handle') {
		const handle = String(context.getNodeParameter('headerHandle', itemIndex, '')).trim();
		if (handle === '') {
			throw new InputError(
				'Header Handle is empty: enter the handle of the uploaded file, or pick From Input Binary Data.',
			);
		}
		return { header: { format: mediaFormat, handle } };
	}
	const upload = readBinaryUpload(context, itemIndex, {
		label: `The header ${format.toLowerCase()}`,
		fieldLabel: 'Input Binary Field',
		field: String(context.getNodeParameter('headerBinaryField', itemIndex, '')),
		appId,
		accepted: media,
	});
	// The handle is known once the file is uploaded, just before the template is sent.
	return { header: { format: mediaFormat, handle: '' }, upload };
}

/** The item's template content from the fields or the JSON, checked against Meta's limits. */
export function readTemplateContent(
	context: IExecuteFunctions,
	itemIndex: number,
	template: { category: TemplateCategory; parameterFormat: ParameterFormat; appId: string },
): TemplateContent {
	const input = context.getNodeParameter('componentsInput', itemIndex, 'fields') as string;
	if (input === 'json') {
		const components = readJson(context.getNodeParameter('componentsJson', itemIndex, '[]'));
		return { components: checkComponents(components, template) };
	}
	if (template.category === 'AUTHENTICATION') {
		const minutes = Number(context.getNodeParameter('codeExpiryMinutes', itemIndex, 10));
		return {
			components: buildComponents({
				...template,
				header: { format: 'NONE' },
				body: { text: '', examples: {} },
				footer: '',
				buttons: [],
				authentication: {
					securityRecommendation: context.getNodeParameter(
						'securityRecommendation',
						itemIndex,
						true,
					) as boolean,
					codeExpiryMinutes: minutes === 0 ? undefined : minutes,
					buttonText: String(context.getNodeParameter('otpButtonText', itemIndex, '')).trim(),
				},
			}),
		};
	}
	const { header, upload } = readHeader(context, itemIndex, template.appId);
	const examples: Record<string, string> = {};
	const given = context.getNodeParameter('bodyExamples.example', itemIndex, []) as IDataObject[];
	given.forEach((entry, index) => {
		// Without a variable, examples go to {{1}}, {{2}}, … in their order.
		const variable = String(entry.variable ?? '')
			.trim()
			.replace(/^\{\{\s*|\s*\}\}$/g, '');
		examples[variable || String(index + 1)] = String(entry.value ?? '');
	});
	const components = buildComponents({
		...template,
		header,
		body: { text: String(context.getNodeParameter('bodyText', itemIndex, '')).trim(), examples },
		footer: String(context.getNodeParameter('footerText', itemIndex, '')).trim(),
		buttons: readButtons(context, itemIndex),
		authentication: { securityRecommendation: false, buttonText: '' },
	});
	return { components, upload };
}

/** The item's components as sent: a header file from binary data is uploaded first, its handle set. */
export async function componentsToSend(
	context: IExecuteFunctions,
	connection: GraphConnection,
	content: TemplateContent,
): Promise<Component[]> {
	if (!content.upload) return content.components;
	const handle = await uploadBinary(context, connection, content.upload);
	return content.components.map((component) =>
		component.type === 'HEADER'
			? { ...component, example: { header_handle: [handle] } }
			: component,
	);
}
