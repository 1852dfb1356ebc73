import { z } from 'zod';

/**
 * Normalisation of names and kana for validation and search. Staff type kana in full or half width, in
 * katakana or hiragana, with or without a space between family and given name, and older systems store kana
 * without small letters (キヨウコ for キョウコ). Every path starts with NFKC, which turns half-width katakana and
 * full-width letters, digits and spaces into their ordinary forms.
 */

const whitespace = /\s+/gu;

/**
 * NFKC with one repair first: a stand-alone voiced mark (゛ U+309B, ゜ U+309C) decomposes under NFKC to a space
 * plus the combining mark, so `タ゛` would never become `ダ`. Mapped to the combining marks, NFKC composes them.
 * Whitespace runs become one ASCII space; the ends are trimmed.
 */
export function normalizeText(text: string): string {
  return text
    .replace(/\u309B/gu, '\u3099')
    .replace(/\u309C/gu, '\u309A')
    .normalize('NFKC')
    .replace(whitespace, ' ')
    .trim();
}

// ァ (U+30A1) … ヶ (U+30F6) and ヽヾ sit exactly 0x60 above their hiragana.
const katakanaRange = /[\u30A1-\u30F6\u30FD\u30FE]/gu;
const hiraganaRange = /[\u3041-\u3096\u309D\u309E]/gu;
const shift = (offset: number) => (ch: string) => String.fromCharCode(ch.charCodeAt(0) + offset);

export function toHiragana(text: string): string {
  return text.replace(katakanaRange, shift(-0x60));
}

export function toKatakana(text: string): string {
  return text.replace(hiraganaRange, shift(0x60));
}

/** A フリガナ as stored: NFKC, full-width katakana, one space between the parts. */
export function normalizeKanaName(text: string): string {
  return toKatakana(normalizeText(text));
}

const kanaName = /^[\u30A1-\u30FA\u30FC\u30FD\u30FE・ ]+$/u;

/** A フリガナ field: accepts any width and hiragana, yields the stored form. */
export const kanaNameSchema = z
  .string({ error: 'フリガナを入力してください' })
  .transform(normalizeKanaName)
  .pipe(
    z
      .string()
      .min(1, { error: 'フリガナを入力してください' })
      .max(100, { error: 'フリガナは100文字以内で入力してください' })
      .regex(kanaName, { error: 'フリガナはカタカナで入力してください（ひらがな・半角カナも可）' }),
  );

// Folding for search only, never for storage: small kana as large (legacy kana has no small letters), the old
// ゐゑを as いえお, and ぢづ as じず (四つ仮名: ちぢわ / ちじわ are the same name to the person asking).
const searchFold: Record<string, string> = {
  ぁ: 'あ',
  ぃ: 'い',
  ぅ: 'う',
  ぇ: 'え',
  ぉ: 'お',
  っ: 'つ',
  ゃ: 'や',
  ゅ: 'ゆ',
  ょ: 'よ',
  ゎ: 'わ',
  ゕ: 'か',
  ゖ: 'け',
  ゐ: 'い',
  ゑ: 'え',
  を: 'お',
  ぢ: 'じ',
  づ: 'ず',
};

type Vowel = 'a' | 'i' | 'u' | 'e' | 'o';
const vowelRows: Record<Vowel, string> = {
  a: 'あかがさざただなはばぱまやらわ',
  i: 'いきぎしじちにひびぴみり',
  u: 'うくぐすずつぬふぶぷむゆるゔ',
  e: 'えけげせぜてでねへべぺめれ',
  o: 'おこごそぞとどのほぼぽもよろ',
};
const vowelOf = new Map<string, Vowel>((Object.entries(vowelRows) as [Vowel, string][]).flatMap(([vowel, row]) => [...row].map((ch) => [ch, vowel] as const)));
const pureVowel: Record<string, Vowel> = { あ: 'a', い: 'i', う: 'u', え: 'e', お: 'o' };

/** ー and the dashes an IME or a half-width field produces in its place (－ is `-` after NFKC). */
const longMarks = new Set(['ー', '-', '\u2010', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212']);
const separators = new Set([' ', '・']);

/** Whether a vowel kana after a syllable only lengthens it: タロー, タロウ and タロオ are one name asked three ways. */
function lengthens(previous: Vowel, ch: string): boolean {
  const vowel = pureVowel[ch];
  return vowel === previous || (previous === 'o' && ch === 'う') || (previous === 'e' && ch === 'い');
}

/**
 * The key a name is indexed and searched by: NFKC, lower case, no spaces or ・, hiragana, the folds above, and
 * every lengthened vowel written ー. `ﾔﾏﾀﾞ ﾀﾛｳ`, `ヤマダ　タロー` and `やまだたろう` all give `やまだたろー`.
 * Kanji and Latin letters pass through, so the same key serves a search by 漢字 name.
 */
export function searchKey(text: string): string {
  let key = '';
  let vowel: Vowel | null = null;
  for (const raw of toHiragana(normalizeText(text).toLowerCase())) {
    const ch = searchFold[raw] ?? raw;
    if (separators.has(ch)) continue;
    if (longMarks.has(ch) || (vowel !== null && lengthens(vowel, ch))) {
      // A dash after anything but kana (Jean-Luc) is punctuation and dropped.
      if (vowel !== null) key += 'ー';
      continue;
    }
    key += ch;
    vowel = vowelOf.get(ch) ?? null;
  }
  return key;
}

/**
 * A predicate over indexed keys: every space-separated part of the query must occur in the key, in any order.
 * A part that starts with a vowel (`いし` in `まえいし`) may meet that vowel already folded to ー in the key.
 */
export function kanaFilter(query: string): (key: string) => boolean {
  const parts = searchParts(query);
  return (key) => parts.every((forms) => forms.some((form) => key.includes(form)));
}

/**
 * The parts of a query as `kanaFilter` matches them: each part's search key, and for a part that starts with a
 * vowel also the form with that vowel folded to ー. A key matches when, for every part, it contains one of its forms.
 */
export function searchParts(query: string): string[][] {
  return normalizeText(query)
    .split(' ')
    .map(searchKey)
    .filter((part) => part !== '')
    .map((part) => (part[0] !== undefined && part[0] in pureVowel ? [part, `ー${part.slice(1)}`] : [part]));
}

/** Whether `text` matches a search typed as `query`; an empty query matches everything. */
export function matchesKana(query: string, text: string): boolean {
  return kanaFilter(query)(searchKey(text));
}
