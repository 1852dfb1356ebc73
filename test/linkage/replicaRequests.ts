import { fixedItemCodes } from '../../shared/linkage/legalReferences.js';

/** A 副本 registration for one person, from the start of November 2026, as an approved 開始 queues it. */
export const replicaBody = (atenaNumber: string) => ({
  event: 'register',
  atenaNumber,
  item: fixedItemCodes.replicaRegistration,
  periodStart: '2026-11-01',
  status: 'active',
  startedOn: '2026-11-01',
  suspendedOn: null,
  endedOn: null,
  aids: [{ aid: 'living', from: '2026-11-01', to: null }],
  grants: [],
});

/** What `queueLinkage` is given for that registration; `over` changes any part of it. */
export const replicaRequest = (atenaNumber: string, place: { householdId: string; memberId: string; requestedBy: string }, over: object = {}) => ({
  ...place,
  kind: 'replicaRegistration' as const,
  itemCode: fixedItemCodes.replicaRegistration,
  naturalKey: [atenaNumber, fixedItemCodes.replicaRegistration, '2026-11-01'],
  body: replicaBody(atenaNumber),
  ...over,
});
