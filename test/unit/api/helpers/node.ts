import type { INode } from 'n8n-workflow';

/** The node an error is raised for, where a test needs one but not what is in it. */
export const node: INode = {
	id: '1',
	name: 'Node',
	type: 'test',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
