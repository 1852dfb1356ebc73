import { memberWriteTables } from '../../data/repos/members';
import { uuidv7 } from '../../../shared/ids/uuidv7';
import { InvalidRecordError } from '../../data/errors';
import type { UnlockedSession } from '../../session/unlock';
import type { NewCase } from './newCase';

/** A refusal the form can show at one field (`members.0.myNumber`). */
export class FieldRefusal extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Saves a new case — household and members, each 個人番号 with its §16 verification on the member — in one IndexedDB
 * transaction: the repositories' own transactions nest in it, so a refusal of any part (scope, role, device,
 * check digit) leaves nothing, and every row is written with its outbox entry.
 */
export async function saveNewCase(
  { store, repos, session, officeId }: UnlockedSession,
  input: NewCase,
): Promise<string> {
  const { db } = store;
  const householdId = uuidv7();
  return db.transaction('rw', memberWriteTables, async () => {
    await repos.households.save(session, {
      id: householdId,
      officeId,
      caseNumber: input.caseNumber,
      assignedTo: input.assignedTo,
      status: input.status,
      address: input.address,
      phone: input.phone,
    });
    for (const [index, member] of input.members.entries()) {
      const { verification, myNumber, ...fields } = member;
      const id = uuidv7();
      try {
        // Without a number the field is left out: roles that may not handle 個人番号 cannot even store "none".
        await repos.members.save(session, {
          ...fields,
          id,
          householdId,
          atenaNumber: null,
          nonDisclosure: false,
          ...(myNumber && verification ? { myNumber, identityVerification: { ...verification, personId: id } } : {}),
        });
      } catch (error) {
        if (error instanceof InvalidRecordError) throw new FieldRefusal(`members.${index}.${error.field}`, error.message);
        throw error;
      }
    }
    return householdId;
  });
}
