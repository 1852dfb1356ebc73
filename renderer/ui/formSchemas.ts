/**
 * The forms' names for the one input kit (shared/casework/inputKit.ts): the same pieces, and the same messages, as
 * the entity schemas the data layer checks writes with. Staff type on IME keyboards, so every piece takes full-width
 * digits, `、` and `，` separators and `2026/4/1` as well as the plain form.
 */
export {
  isoDate as dateField,
  isoMonth as monthField,
  optional as optionalField,
  pastDate as pastDateField,
  positiveDecimal as decimalField,
  text as textField,
  whole as wholeField,
  yen as yenField,
} from '../../shared/casework/inputKit';
