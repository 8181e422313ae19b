// The credentials side of IWorkflowExecuteAdditionalData: hands the node the test credentials
// ("decrypted" already, with the credential type's defaults filled in) and signs each request the
// way n8n does, by applying the credential type's `authenticate` (a function, or the declarative
// { type: 'generic', properties: { headers, qs, body, auth } } whose values may be expressions
// over $credentials).
import { Credentials } from 'n8n-core';
import {
	ICredentialsHelper,
	isExpression,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialType,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeProperties,
	type IRequestOptionsSimplified,
	type IWorkflowExecuteAdditionalData,
	type Workflow,
} from 'n8n-workflow';

export interface CredentialTypeRegistry {
	getCredentialType(name: string): ICredentialType | undefined;
}

/** Fills in the defaults of the credential type's properties, as n8n does when it decrypts. */
export function withCredentialDefaults(
	type: ICredentialType | undefined,
	data: ICredentialDataDecryptedObject,
): ICredentialDataDecryptedObject {
	const out: ICredentialDataDecryptedObject = {};
	for (const prop of type?.properties ?? []) {
		if (prop.default !== undefined) out[prop.name] = prop.default as ICredentialDataDecryptedObject[string];
	}
	return { ...out, ...data };
}

export class TestCredentialsHelper extends ICredentialsHelper {
	/** Every credential type the nodes asked for, in order (a test can check nothing leaked). */
	readonly requested: string[] = [];

	constructor(
		private readonly registry: CredentialTypeRegistry,
		private readonly credentials: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	getParentTypes(name: string): string[] {
		const type = this.registry.getCredentialType(name);
		const parents: string[] = [];
		for (const parent of type?.extends ?? []) parents.push(parent, ...this.getParentTypes(parent));
		return parents;
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const type = this.registry.getCredentialType(typeName);
		const options = requestOptions as IHttpRequestOptions;
		const auth = type?.authenticate;
		if (!auth) return options;
		if (typeof auth === 'function') return await auth(credentials, options);
		if (auth.type !== 'generic') throw new Error(`harness: unsupported authenticate type ${auth.type}`);

		const resolve = (value: unknown): unknown => {
			if (typeof value !== 'string' || !isExpression(value)) return value;
			if (!workflow || !node) throw new Error('harness: an expression in authenticate needs the workflow and node');
			const resolved = workflow.expression.getSimpleParameterValue(
				node,
				value,
				'internal',
				{ $credentials: credentials },
				undefined,
				'',
			);
			// As n8n's own credentials helper: a falsy result becomes '' (the header is still sent, empty).
			return resolved ? String(resolved) : '';
		};
		const target = options as unknown as Record<string, Record<string, unknown> | undefined>;
		for (const [section, entries] of Object.entries(auth.properties)) {
			if (!entries || typeof entries !== 'object') continue;
			const merged: Record<string, unknown> = { ...(target[section] ?? {}) };
			for (const [key, value] of Object.entries(entries as Record<string, unknown>)) {
				merged[String(resolve(key))] = resolve(value);
			}
			target[section] = merged;
		}
		return options;
	}

	async preAuthentication(
		_helpers: IHttpRequestHelper,
		_credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		_node: INode,
		_credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		return new Credentials({ id: nodeCredentials.id ?? null, name: nodeCredentials.name }, type);
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		this.requested.push(type);
		const data = this.credentials[type];
		if (!data) throw new Error(`harness: no test credentials of type "${type}" were given to runWorkflow`);
		// A fresh copy per call: n8n hands each request its own object too.
		return withCredentialDefaults(this.registry.getCredentialType(type), structuredClone(data));
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.registry.getCredentialType(type)?.properties ?? [];
	}
}
