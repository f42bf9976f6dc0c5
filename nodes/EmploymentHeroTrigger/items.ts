import type { IDataObject } from 'n8n-workflow';

import { entityTypeOf } from './events';
import type { Delivery, DeliveryEntity } from './payload';

export interface ItemContext {
	receivedAt: Date;
	isDelete: (eventType: string | null) => boolean;
}

/** One workflow item per entity, every contract field present (null where unknown). */
export function toItem(delivery: Delivery, entity: DeliveryEntity, context: ItemContext): IDataObject {
	return {
		eventId: delivery.eventId,
		eventType: entity.eventType,
		entityType: entityTypeOf(entity.eventType),
		entityId: entity.entityId,
		organisationId: entity.organisationId,
		action: context.isDelete(entity.eventType) ? 'delete' : 'upsert',
		attempt: delivery.attempt,
		receivedAt: context.receivedAt.toISOString(),
		index: entity.index,
		data: (entity.data ?? null) as IDataObject | null,
		properties: delivery.properties,
	};
}
