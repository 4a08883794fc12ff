import { can, listScopeOf, SHARED, visibleTask, type Actor, type Resource } from '../../src/domain/access';

const coordinator = (unitId: string | null, role: 'admin' | 'coordinator' = 'coordinator'): Actor =>
  ({ kind: 'coordinator', id: `c-${unitId}-${role}`, email: 'k@example.no', name: 'K', role, unitId });

const adminOfA = coordinator('A', 'admin');
const ofA = coordinator('A');
const ofB = coordinator('B');
const noUnit = coordinator(null);
const service: Actor = { kind: 'service' };

type Row = [string, Actor, string, Resource, boolean];
const rows: Row[] = [
  ['an admin acts on another unit’s task', adminOfA, 'cancel', { kind: 'task', unitId: 'B' }, true],
  ['the service token acts on a task without a unit', service, 'dispatch', { kind: 'task', unitId: null }, true],
  ['a coordinator dispatches their own unit’s task', ofA, 'dispatch', { kind: 'task', unitId: 'A' }, true],
  ['a coordinator may not dispatch another unit’s task', ofB, 'dispatch', { kind: 'task', unitId: 'A' }, false],
  ['… nor stop it', ofB, 'stop', { kind: 'task', unitId: 'A' }, false],
  ['… nor cancel it', ofB, 'cancel', { kind: 'task', unitId: 'A' }, false],
  ['… nor assign it', ofB, 'assign', { kind: 'task', unitId: 'A' }, false],
  ['… nor edit it', ofB, 'edit', { kind: 'task', unitId: 'A' }, false],
  ['… nor see its details', ofB, 'view_details', { kind: 'task', unitId: 'A' }, false],
  ['but may see that it exists', ofB, 'view', { kind: 'task', unitId: 'A' }, true],
  ['a task without a unit is the admins’', ofA, 'cancel', { kind: 'task', unitId: null }, false],
  ['a coordinator without a unit acts on no task', noUnit, 'dispatch', { kind: 'task', unitId: null }, false],
  ['a coordinator creates tasks in their unit', ofA, 'create_task', { kind: 'unit', unitId: 'A' }, true],
  ['… not in another unit', ofA, 'create_task', { kind: 'unit', unitId: 'B' }, false],
  ['reports of their own unit', ofA, 'view_reports', { kind: 'unit', unitId: 'A' }, true],
  ['not another unit’s reports', ofA, 'view_reports', { kind: 'unit', unitId: 'B' }, false],
  ['not another unit’s audit log', ofA, 'view_audit', { kind: 'unit', unitId: 'B' }, false],
  ['follow-ups of their own unit', ofA, 'handle', { kind: 'follow_up', unitId: 'A' }, true],
  ['not another unit’s follow-ups', ofA, 'handle', { kind: 'follow_up', unitId: 'B' }, false],
  ['an inbox message about another unit’s task', ofA, 'reply', { kind: 'inbox_message', unitId: 'B' }, false],
  ['an inbox message about no task is shared', ofA, 'reply', { kind: 'inbox_message', unitId: SHARED }, true],
  ['the volunteer pool is shared', ofB, 'edit', { kind: 'volunteer' }, true],
  ['the simulator is for admins', ofA, 'use_simulator', { kind: 'system' }, false],
  ['accounts are for admins', ofA, 'manage_accounts', { kind: 'system' }, false],
  ['admins use the simulator', adminOfA, 'use_simulator', { kind: 'system' }, true],
];

describe('can(actor, action, resource)', () => {
  it.each(rows)('%s', (_name, actor, action, resource, expected) => {
    // The table mixes kinds; can() itself is typed per kind.
    expect(can(actor, action as never, resource as never)).toBe(expected);
  });
});

describe('visibleTask', () => {
  const task = { id: '7', unitId: 'A', details: 'Eva, Kirkeveien 1', personRef: 'EVA-1', summary: 'Handle' };

  it('keeps details and personRef for the task’s unit and admins', () => {
    expect(visibleTask(ofA, task)).toEqual(task);
    expect(visibleTask(service, task)).toEqual(task);
  });

  it('drops details and personRef for another unit, and says so', () => {
    const seen = visibleTask(ofB, task);
    expect(seen).toEqual({ id: '7', unitId: 'A', summary: 'Handle', detailsHidden: true });
    expect(JSON.stringify(seen)).not.toMatch(/Kirkeveien|EVA-1/);
  });
});

describe('listScopeOf', () => {
  it('admins and the service token read every unit; a coordinator their own', () => {
    expect(listScopeOf(adminOfA)).toEqual({ all: true });
    expect(listScopeOf(service)).toEqual({ all: true });
    expect(listScopeOf(ofB)).toEqual({ all: false, unitId: 'B' });
    expect(listScopeOf(noUnit)).toEqual({ all: false, unitId: null });
  });
});
