import type { INodeProperties } from 'n8n-workflow';

import { databaseLocator } from '../../../shared/locators/databaseLocator';
import * as addInterests from './addInterests.operation';
import * as create from './create.operation';
import * as deleteProfile from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getReceivedMailings from './getReceivedMailings.operation';
import * as setInterests from './setInterests.operation';
import * as unsubscribe from './unsubscribe.operation';
import * as update from './update.operation';
import * as updateProfiles from './updateProfiles.operation';
import * as upsert from './upsert.operation';

export {
	addInterests,
	create,
	deleteProfile as delete,
	get,
	getMany,
	getReceivedMailings,
	setInterests,
	unsubscribe,
	update,
	updateProfiles,
	upsert,
};

/**
 * The operations that name fields or interests (the database fills their lists and checks the
 * names), and Unsubscribe (the profile must be in it; its behaviour is read).
 */
const OPERATIONS_IN_A_DATABASE = [
	'addInterests',
	'create',
	'getMany',
	'setInterests',
	'unsubscribe',
	'update',
	'updateProfiles',
	'upsert',
];

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['profile'] } },
		options: [
			{
				name: 'Add Interests',
				value: 'addInterests',
				description: 'Switch interests on for a profile; its other interests stay as they are',
				action: 'Add interests to a profile',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create a new profile',
				action: 'Create a profile',
			},
			{
				name: 'Create or Update',
				value: 'upsert',
				description: 'Create a new profile, or update the current one if it already exists (upsert)',
				action: 'Create or update a profile and as an AI tool refuse more than one match unless max matches is set',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a profile by its ID',
				action: 'Delete a profile',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a profile by its ID',
				action: 'Get a profile',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Get the profiles that match a selection, page after page',
				action: 'Get many profiles',
			},
			{
				name: 'Get Received Mailings',
				value: 'getReceivedMailings',
				description: 'Get the mailings sent to a profile (Marketing Suite, Publisher or both), one item per message',
				action: 'Get the mailings a profile received',
			},
			{
				name: 'Set Interests',
				value: 'setInterests',
				description: 'Give a profile exactly these interests; every other one is switched off',
				action: 'Set the interests of a profile',
			},
			{
				name: 'Unsubscribe',
				value: 'unsubscribe',
				description: "Unsubscribe a profile the way its database says (do nothing, remove it, or update fields), and say what happened",
				action: 'Unsubscribe a profile',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Update a profile by its ID',
				action: 'Update a profile',
			},
			{
				name: 'Update Profiles',
				value: 'updateProfiles',
				description: 'Update every profile that matches a selection, or create one if none matches',
				action: 'Update profiles matching a selection and as an AI tool at most one unless max matches is set',
			},
		],
		default: 'updateProfiles',
	},
	{ ...databaseLocator, displayOptions: { show: { resource: ['profile'], operation: OPERATIONS_IN_A_DATABASE } } },
	...addInterests.description,
	...create.description,
	...deleteProfile.description,
	...get.description,
	...getMany.description,
	...getReceivedMailings.description,
	...setInterests.description,
	...unsubscribe.description,
	...update.description,
	...updateProfiles.description,
	...upsert.description,
];
