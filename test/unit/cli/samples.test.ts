import { SAMPLE_EVENT_TYPES, sampleBody, sampleEventType } from '../../../cli/samples';
import { createDeleteMatcher, eventOptions } from '../../../nodes/EmploymentHeroTrigger/events';
import { toItem } from '../../../nodes/EmploymentHeroTrigger/items';
import { readDelivery, parseJsonBody } from '../../../nodes/EmploymentHeroTrigger/payload';

describe('built-in samples', () => {
	it("cover every event type of the trigger's Events list", () => {
		const listed = eventOptions.map((option) => option.value).filter((value) => value !== '*');
		expect(SAMPLE_EVENT_TYPES).toEqual(listed);
	});

	it.each(SAMPLE_EVENT_TYPES)(
		'%s is a Payroll work item the trigger reads as one item of that type',
		(type) => {
			const delivery = readDelivery(parseJsonBody(Buffer.from(sampleBody(type, 42))), {});

			expect(delivery.entities).toHaveLength(1);
			const item = toItem(delivery, delivery.entities[0], {
				receivedAt: new Date(),
				isDelete: createDeleteMatcher([]),
			});
			expect(item).toMatchObject({ eventType: type, organisationId: '42', attempt: 1 });
			expect(item.entityId).toMatch(/^\d+$/);
		},
	);

	it('get a new delivery id each time', () => {
		const ids = [1, 2].map(
			() => (JSON.parse(sampleBody('EmployeeUpdated', 1)) as { Id: string }).Id,
		);
		expect(ids[0]).not.toBe(ids[1]);
	});

	it('are found in any letter case, and an unknown one lists the known ones', () => {
		expect(sampleEventType('employeeupdated')).toBe('EmployeeUpdated');
		expect(() => sampleEventType('EmployeeHired')).toThrow(
			/No sample for "EmployeeHired". Samples: EmployeeCreated, /,
		);
	});
});
