import type { Household } from '../../shared/domain/records';
import { uuidv7 } from '../../shared/ids/uuidv7';
import { InvalidRecordError } from '../data/errors';
import { memberWriteTables, type MemberInput } from '../data/repos/members';
import type { ServiceContext } from './context';

/** A new case as the registration form gives it: the household and its members, each 個人番号 with its §16 record. */
export interface NewCaseRecord extends Pick<Household, 'caseNumber' | 'assignedTo' | 'status' | 'address' | 'phone'> {
  members: (Omit<MemberInput, 'id' | 'householdId' | 'atenaNumber' | 'nonDisclosure' | 'myNumber' | 'identityVerification'> & {
    /** Asked at registration so that linkage has it from the first approval; blank (null) until it is known. */
    atenaNumber?: string | null;
    myNumber?: string | null;
    /** The §16 verification, without the person id (the member's new id is filled in here). */
    verification?: Record<string, unknown> | null;
  })[];
}

/** A member row the edit form gives: everything but the number, its verification and the payee account. */
export type MemberEditRecord = Omit<
  MemberInput,
  'id' | 'householdId' | 'myNumber' | 'identityVerification' | 'payeeAccount' | 'atenaNumber' | 'nonDisclosure'
> &
  Partial<Pick<MemberInput, 'atenaNumber' | 'nonDisclosure'>>;

/**
 * Registering a case and editing its members. Each is one IndexedDB transaction in which the repositories' own
 * transactions nest, so a refusal of any part (scope, role, device, check digit) leaves nothing; a member's
 * refusal names its field as the form knows it (`members.1.myNumber`).
 */
export function caseIntakeServices({ store, session, repos, officeId }: ServiceContext) {
  return {
    cases: {
      create(input: NewCaseRecord): Promise<string> {
        const householdId = uuidv7();
        return store.db.transaction('rw', memberWriteTables, async () => {
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
            const { verification, myNumber, atenaNumber, ...fields } = member;
            const id = uuidv7();
            try {
              // Without a number the field is left out: roles that may not handle 個人番号 cannot even store "none".
              await repos.members.save(session, {
                ...fields,
                id,
                householdId,
                atenaNumber: atenaNumber ?? null,
                nonDisclosure: false,
                ...(myNumber && verification ? { myNumber, identityVerification: { ...verification, personId: id } } : {}),
              } as MemberInput);
            } catch (error) {
              if (error instanceof InvalidRecordError) throw new InvalidRecordError(`members.${index}.${error.field}`, error.message);
              throw error;
            }
          }
          return householdId;
        });
      },
    },
    memberEditing: {
      /**
       * Adds a member (`memberId` null) or changes one. The member is read again inside the write, so nothing
       * stored since the form opened (a 個人番号, a payee account, a 宛名番号) is lost.
       */
      save(householdId: string, memberId: string | null, values: MemberEditRecord): Promise<void> {
        return store.db.transaction('rw', memberWriteTables, async () => {
          const current = memberId ? await repos.members.get(session, memberId) : undefined;
          if (memberId && !current) throw new InvalidRecordError('memberId', 'この世帯員は見つかりません');
          if (current) {
            const { hlc: _, myNumber: __, identityVerification: ___, ...kept } = current;
            await repos.members.save(session, { ...kept, ...values });
          } else {
            await repos.members.save(session, { atenaNumber: null, nonDisclosure: false, ...values, id: uuidv7(), householdId } as MemberInput);
          }
        });
      },
    },
  };
}
