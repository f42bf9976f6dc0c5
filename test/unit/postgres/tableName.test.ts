import { quoteTableName, TableNameError } from '../../../nodes/shared/postgres';

describe('quoteTableName', () => {
	it('quotes a plain table name as typed', () => {
		expect(quoteTableName('employment_hero_webhook_events').sql).toBe(
			'"employment_hero_webhook_events"',
		);
		expect(quoteTableName('Events').sql).toBe('"Events"');
	});

	it('quotes a schema-qualified name part by part', () => {
		expect(quoteTableName(' audit.events ').sql).toBe('"audit"."events"');
	});

	it('names indexes after the table, without the schema', () => {
		expect(quoteTableName('audit.events').indexName('received_idx')).toBe('"events_received_idx"');
	});

	it.each([
		['', 'empty'],
		['events; DROP TABLE users', 'SQL'],
		['"events"', 'quotes'],
		['a.b.c', 'two dots'],
		['1events', 'a leading digit'],
		['événements', 'non-ASCII letters'],
		['x'.repeat(51), 'too long'],
	])('rejects %j (%s)', (name) => {
		expect(() => quoteTableName(name)).toThrow(TableNameError);
	});
});
