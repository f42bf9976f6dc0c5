import {
	getPath,
	parseJsonBody,
	PayloadError,
	readDelivery,
} from '../../../nodes/EmploymentHeroTrigger/payload';

const workItem = {
	Id: 'delivery-1',
	Attempt: 2,
	Properties: { BusinessId: 42, business_id: 42 },
	Notifications: [
		{ Action: 'EmployeeUpdated', Id: 1001, FirstName: 'Ada' },
		{ Action: 'EmployeeDeleted', id: 'e-1002' },
	],
};

describe('parseJsonBody', () => {
	it('parses a JSON object', () => {
		expect(parseJsonBody(Buffer.from('{"a":1}'))).toEqual({ a: 1 });
	});

	it('allows a UTF-8 byte-order mark', () => {
		expect(parseJsonBody(Buffer.from('\ufeff{"a":1}'))).toEqual({ a: 1 });
	});

	it.each([
		['not JSON', 'hello', 'body is not valid JSON'],
		['empty', '', 'body is not valid JSON'],
		['an array', '[{"Id":"x"}]', 'body is not a JSON object'],
		['a number', '42', 'body is not a JSON object'],
		['null', 'null', 'body is not a JSON object'],
	])('rejects a body that is %s', (_name, text, reason) => {
		expect(() => parseJsonBody(Buffer.from(text))).toThrow(new PayloadError(reason));
	});

	it('rejects invalid UTF-8', () => {
		const bytes = Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
		expect(() => parseJsonBody(bytes)).toThrow('body is not valid UTF-8');
	});
});

describe('readDelivery', () => {
	it('reads a Payroll work item as one entity per notification', () => {
		const delivery = readDelivery(workItem);

		expect(delivery.eventId).toBe('delivery-1');
		expect(delivery.attempt).toBe(2);
		expect(delivery.properties).toEqual(workItem.Properties);
		expect(delivery.entities).toEqual([
			{
				index: 0,
				eventType: 'EmployeeUpdated',
				entityId: '1001',
				organisationId: '42',
				data: workItem.Notifications[0],
			},
			{
				index: 1,
				eventType: 'EmployeeDeleted',
				entityId: 'e-1002',
				organisationId: '42',
				data: workItem.Notifications[1],
			},
		]);
	});

	it('reads a single event with its data as the entity', () => {
		const body = { event_id: 77, event_type: 'LeaveRequestApproved', data: { id: 9, organisation_id: 'org-1' } };
		const delivery = readDelivery(body);

		expect(delivery.eventId).toBe('77');
		expect(delivery.attempt).toBeNull();
		expect(delivery.properties).toEqual({});
		expect(delivery.entities).toEqual([
			{ index: 0, eventType: 'LeaveRequestApproved', entityId: '9', organisationId: 'org-1', data: body.data },
		]);
	});

	it.each(['event', 'event_type', 'type'])('reads the event type from "%s"', (key) => {
		const delivery = readDelivery({ id: 'e', [key]: 'EmployeeCreated', data: { id: 1 } });
		expect(delivery.entities[0].eventType).toBe('EmployeeCreated');
	});

	it('finds the organisation in the event when the entity has none', () => {
		const delivery = readDelivery({ id: 'e', event: 'EmployeeCreated', organisationId: 5, data: { id: 1 } });
		expect(delivery.entities[0].organisationId).toBe('5');
	});

	it('finds the organisation in the entity data', () => {
		const delivery = readDelivery({
			Id: 'd',
			Notifications: [{ Action: 'EmployeeCreated', Id: 1, data: { businessId: 'b-9' } }],
		});
		expect(delivery.entities[0].organisationId).toBe('b-9');
	});

	it('leaves unknown fields null', () => {
		const delivery = readDelivery({ id: 'e' });
		expect(delivery.entities).toEqual([
			{ index: 0, eventType: null, entityId: null, organisationId: null, data: null },
		]);
	});

	it.each([
		['no id', { event: 'EmployeeCreated', data: {} }],
		['an empty id', { id: '', event: 'EmployeeCreated' }],
		['an object id', { id: { value: 1 }, event: 'EmployeeCreated' }],
		['a work item without Id', { id: 'lower-case-is-not-the-work-item-id', Notifications: [] }],
	])('rejects a delivery with %s', (_name, body) => {
		expect(() => readDelivery(body as never)).toThrow('delivery has no event id');
	});

	it('rejects a numeric event id too large to read exactly', () => {
		const body = JSON.parse('{"Id":179640651644400000001,"Notifications":[]}') as never;
		expect(() => readDelivery(body)).toThrow('event id is a number too large to read exactly');
	});

	it('rejects Notifications that are not a list', () => {
		expect(() => readDelivery({ Id: 'd', Notifications: { Action: 'X' } } as never)).toThrow(
			'Notifications is not a list',
		);
	});

	it('rejects a notification that is not an object', () => {
		expect(() => readDelivery({ Id: 'd', Notifications: [{ Action: 'X', Id: 1 }, 'oops'] })).toThrow(
			'notification 1 is not an object',
		);
	});

	it('keeps an empty work item as a delivery with no entities', () => {
		expect(readDelivery({ Id: 'd', Notifications: [] }).entities).toEqual([]);
	});

	it('follows configured paths', () => {
		const body = {
			meta: { delivery: 'm-1', kind: 'EmployeeUpdated' },
			payload: { changes: [{ employee: { key: 'k-1' } }, { employee: { key: 'k-2' }, kind: 'EmployeeDeleted' }] },
		};
		const delivery = readDelivery(body, {
			eventIdPath: 'meta.delivery',
			eventTypePath: 'kind',
			entitiesPath: 'payload.changes',
			entityIdPath: 'employee.key',
		});
		expect(delivery.eventId).toBe('m-1');
		expect(delivery.entities.map((entity) => [entity.entityId, entity.eventType])).toEqual([
			['k-1', null],
			['k-2', 'EmployeeDeleted'],
		]);
	});

	it('falls back to the body for a configured event type path', () => {
		const delivery = readDelivery(
			{ id: 'e', meta: { kind: 'PayRunFinalised' }, data: { id: 3 } },
			{ eventTypePath: 'meta.kind' },
		);
		expect(delivery.entities[0].eventType).toBe('PayRunFinalised');
	});

	it('rejects a configured entities path that leads nowhere', () => {
		expect(() => readDelivery({ id: 'e' }, { entitiesPath: 'payload.changes' })).toThrow(
			'no entities at "payload.changes"',
		);
	});

	it('reads a numeric-string attempt and ignores a fractional one', () => {
		expect(readDelivery({ Id: 'd', Attempt: '3', Notifications: [] }).attempt).toBe(3);
		expect(readDelivery({ Id: 'd', Attempt: 1.5, Notifications: [] }).attempt).toBeNull();
	});
});

describe('getPath', () => {
	it('reads nested keys and array positions', () => {
		const value = { a: { b: [{ c: 1 }, { c: 2 }] } };
		expect(getPath(value, 'a.b.1.c')).toBe(2);
		expect(getPath(value, 'a.b[0].c')).toBe(1);
		expect(getPath(value, 'a.x.c')).toBeUndefined();
	});
});
