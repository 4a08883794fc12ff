import type { CoordinatorRole } from '../../../db/schema';

export const ROLE_LABELS: Record<CoordinatorRole, string> = { coordinator: 'Koordinator', admin: 'Administrator' };

export const ROLE_OPTIONS = (Object.keys(ROLE_LABELS) as CoordinatorRole[]).map((value) => ({ value, label: ROLE_LABELS[value] }));
