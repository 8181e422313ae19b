import type { IHookFunctions, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { triggerProperties } from './description';
import { receiveDelivery } from './webhook';

export class SoraVideoTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sora Video Trigger',
		name: 'soraVideoTrigger',
		icon: { light: 'file:../../icons/sora.svg', dark: 'file:../../icons/sora.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves as 1. n8n 2.41 evaluates a legacy expression (the v1 Webhook node's Binary
		// Data option) on every delivery to any webhook node of version 1: about as much CPU as
		// the trigger's own work. New nodes are 1.1; saved workflows keep 1 and still work.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{ ($parameter["events"] || []).join(", ") }}',
		description: 'Starts the workflow when a Sora video job completes or fails (signed webhook)',
		defaults: { name: 'Sora Video Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'soraApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'sora',
			},
		],
		eventTriggerDescription: 'Waiting for a video event from your provider',
		activationMessage:
			'Register the Production URL of this node as a webhook endpoint in your provider dashboard, for video.completed and video.failed.',
		properties: triggerProperties,
	};

	// The endpoint is registered by hand in the provider's dashboard: nothing to create or delete.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	/** verifyDelivery → parseDelivery → selectEvent → claimOnce → buildItem (see webhook.ts). */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery(this);
	}
}
