import { describe, expect, test } from 'vitest';
import { kanaFilter, kanaNameSchema, matchesKana, normalizeKanaName, normalizeText, searchKey, toHiragana, toKatakana } from '../../../shared/text/kana.js';

describe('normalisation', () => {
  test('NFKC turns half-width kana into full width and composes the voiced marks', () => {
    expect(normalizeText('ﾔﾏﾀﾞ　ﾀﾛｳ')).toBe('ヤマダ タロウ');
    expect(normalizeText('ｳﾞｨｰﾅｽ ﾊﾟﾝ')).toBe('ヴィーナス パン');
    expect(normalizeText('ＡＢＣ１２３')).toBe('ABC123');
  });

  test('stand-alone ゛ and ゜ combine with the kana before them', () => {
    expect(normalizeText('タ゛イ')).toBe('ダイ');
    expect(normalizeText('ハ゜ン')).toBe('パン');
  });

  test('whitespace runs become one space and the ends are trimmed', () => {
    expect(normalizeText('  ヤマダ \u3000\t タロウ  ')).toBe('ヤマダ タロウ');
  });

  test('katakana ↔ hiragana, including ヴ and ヽヾ', () => {
    expect(toHiragana('ヤマダ ヴァイオリン ヽヾ')).toBe('やまだ ゔぁいおりん ゝゞ');
    expect(toKatakana('やまだ ゔ ゝゞ')).toBe('ヤマダ ヴ ヽヾ');
    expect(toHiragana('山田 ABC ー')).toBe('山田 ABC ー');
  });

  test('the stored フリガナ is full-width katakana with one space', () => {
    expect(normalizeKanaName('やまだ　はなこ')).toBe('ヤマダ ハナコ');
    expect(normalizeKanaName('ｻﾄｳ  ｲﾁﾛｳ')).toBe('サトウ イチロウ');
  });

  test('フリガナ field: any width or hiragana in, katakana out; kanji and blanks refused in Japanese', () => {
    expect(kanaNameSchema.parse('ﾔﾏﾀﾞ ﾀﾛｰ')).toBe('ヤマダ タロー');
    expect(kanaNameSchema.parse('じょん・すみす')).toBe('ジョン・スミス');
    const kanji = kanaNameSchema.safeParse('山田太郎');
    expect(kanji.success).toBe(false);
    expect(kanji.error?.issues[0]?.message).toBe('フリガナはカタカナで入力してください（ひらがな・半角カナも可）');
    expect(kanaNameSchema.safeParse('\u3000').error?.issues[0]?.message).toBe('フリガナを入力してください');
  });
});

describe('search key', () => {
  test('the three spellings in the brief give one key', () => {
    expect(searchKey('ﾔﾏﾀﾞ ﾀﾛｳ')).toBe('やまだたろー');
    expect(searchKey('ヤマダ　タロウ')).toBe('やまだたろー');
    expect(searchKey('やまだたろう')).toBe('やまだたろー');
    expect(searchKey('ヤマダ タロー')).toBe('やまだたろー');
  });

  test('a lengthened vowel is one form, whether written ー, the vowel, or う/い', () => {
    expect(searchKey('サトウ')).toBe('さとー');
    expect(searchKey('サトオ')).toBe('さとー');
    expect(searchKey('サトー')).toBe('さとー');
    expect(searchKey('ケイコ')).toBe('けーこ');
    expect(searchKey('ユウコ')).toBe('ゆーこ');
    // A dash typed in place of ー: full-width hyphen-minus (－ → - under NFKC) and a horizontal bar.
    expect(searchKey('タロ－')).toBe('たろー');
    expect(searchKey('タロ―')).toBe('たろー');
  });

  test('a vowel that starts a syllable stays: オオノ is not オノ, まえ is not まー', () => {
    expect(searchKey('オオノ')).toBe('おーの');
    expect(searchKey('オノ')).toBe('おの');
    expect(searchKey('マエダ')).toBe('まえだ');
  });

  test('small kana, old kana and 四つ仮名 fold for search', () => {
    expect(searchKey('キョウコ')).toBe(searchKey('キヨウコ'));
    expect(searchKey('キョウコ')).toBe('きよーこ');
    expect(searchKey('チヂワ')).toBe('ちじわ');
    expect(searchKey('ミツヅカ')).toBe('みつずか');
    expect(searchKey('カヲル')).toBe('かおる');
    // ノウ folds like a long vowel even in イノウエ (井上), where it is not one: the key is only ever compared
    // with keys folded the same way, so いのうえ, イノウエ and a part such as うえ still find it.
    expect(searchKey('ヰノウエ')).toBe('いのーえ');
    expect(matchesKana('いのうえ', 'ヰノウエ')).toBe(true);
    expect(matchesKana('うえ', 'イノウエ')).toBe(true);
  });

  test('Latin and kanji pass through in lower case, without spaces, ・ or hyphens', () => {
    expect(searchKey('ＹＡＭＡＤＡ Taro')).toBe('yamadataro');
    expect(searchKey('Jean-Luc')).toBe('jeanluc');
    expect(searchKey('ジョン・スミス')).toBe(searchKey('ジョン スミス'));
    expect(searchKey('山田　太郎')).toBe('山田太郎');
  });

  test('voicing is not folded: ダ and タ are different names', () => {
    expect(searchKey('ダロウ')).not.toBe(searchKey('タロウ'));
  });
});

describe('matching', () => {
  test('the three spellings match one another in every direction', () => {
    const forms = ['ﾔﾏﾀﾞ ﾀﾛｳ', 'ヤマダ　タロウ', 'やまだたろう'];
    for (const query of forms) for (const text of forms) expect(matchesKana(query, text)).toBe(true);
  });

  test('part of a name, parts in any order, and kanji', () => {
    expect(matchesKana('やまだ', 'ヤマダ タロウ')).toBe(true);
    expect(matchesKana('ﾀﾛｰ', 'ヤマダ タロウ')).toBe(true);
    expect(matchesKana('たろう やまだ', 'ヤマダ タロウ')).toBe(true);
    expect(matchesKana('山田', '山田 太郎')).toBe(true);
    expect(matchesKana('やまだ はなこ', 'ヤマダ タロウ')).toBe(false);
    expect(matchesKana('たろう', 'ダロウ')).toBe(false);
  });

  test('a part starting with a vowel still finds it after a syllable that lengthens', () => {
    expect(searchKey('マエイシ')).toBe('まえーし');
    expect(matchesKana('いし', 'マエイシ')).toBe(true);
    expect(matchesKana('うこ', 'ユウコ')).toBe(true);
  });

  test('an empty query matches everything; a filter runs over precomputed keys', () => {
    expect(matchesKana('', 'ヤマダ')).toBe(true);
    expect(matchesKana('　', 'ヤマダ')).toBe(true);
    const keys = ['ヤマダ タロウ', 'サトウ ハナコ', 'ヤマモト イチロウ'].map(searchKey);
    expect(keys.filter(kanaFilter('ﾔﾏ'))).toEqual(['やまだたろー', 'やまもといちろー']);
    expect(keys.filter(kanaFilter('さとー'))).toEqual(['さとーはなこ']);
  });
});
