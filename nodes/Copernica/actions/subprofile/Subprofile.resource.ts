import type { INodeProperties } from 'n8n-workflow';

import { databaseLocator } from '../../../shared/locators/databaseLocator';
import { collectionParameter } from '../../../shared/locators/collectionLocator';
import * as create from './create.operation';
import * as deleteSubprofile from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getReceivedMailings from './getReceivedMailings.operation';
import * as unsubscribe from './unsubscribe.operation';
import * as update from './update.operation';
import * as updateMany from './updateMany.operation';

export { create, deleteSubprofile as delete, get, getMany, getReceivedMailings, unsubscribe, update, updateMany };

/**
 * The operations that name fields (the collection, of a database, fills their lists and checks
 * the names), and Unsubscribe (the subprofile must be in it; its behaviour is read).
 */
const OPERATIONS_IN_A_COLLECTION = ['create', 'getMany', 'unsubscribe', 'update', 'updateMany'];

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['subprofile'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a subprofile (an order, a booking) under a profile',
				action: 'Create a subprofile',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a subprofile by its ID',
				action: 'Delete a subprofile',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a subprofile by its ID',
				action: 'Get a subprofile',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Get the subprofiles of a collection that match a selection, page after page',
				action: 'Get many subprofiles',
			},
			{
				name: 'Get Received Mailings',
				value: 'getReceivedMailings',
				description: 'Get the mailings sent to a subprofile (Marketing Suite, Publisher or both), one item per message',
				action: 'Get the mailings a subprofile received',
			},
			{
				name: 'Unsubscribe',
				value: 'unsubscribe',
				description: "Unsubscribe a subprofile the way its collection says (do nothing, remove it, or update fields), and say what happened",
				action: 'Unsubscribe a subprofile',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Update a subprofile by its ID',
				action: 'Update a subprofile',
			},
			{
				name: 'Update Many',
				value: 'updateMany',
				description: 'Update every subprofile of a collection that matches a selection',
				action: 'Update subprofiles matching a selection and as an AI tool at most one unless max matches is set',
			},
		],
		default: 'getMany',
	},
	{
		...databaseLocator,
		description: 'The Copernica database that holds the collection',
		displayOptions: { show: { resource: ['subprofile'], operation: OPERATIONS_IN_A_COLLECTION } },
	},
	{ ...collectionParameter, displayOptions: { show: { resource: ['subprofile'], operation: OPERATIONS_IN_A_COLLECTION } } },
	...create.description,
	...deleteSubprofile.description,
	...get.description,
	...getMany.description,
	...getReceivedMailings.description,
	...unsubscribe.description,
	...update.description,
	...updateMany.description,
];
