/**
 * A parameter the node refuses before sending anything. Pure helpers throw this; the
 * operation turns it into a NodeOperationError that names the item.
 */
export class ParameterProblem extends Error {
	constructor(
		message: string,
		readonly description: string,
	) {
		super(message);
		this.name = 'ParameterProblem';
	}
}
