import { createDecipheriv, pbkdf2Sync } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The at-rest scanner of the browser tests, as an attacker holding the disk would read a Chromium profile or the app's
 * data folder: every file, every string as UTF-8 and as UTF-16LE, and what Chromium "encrypts" on Linux without a
 * keyring (cookies, saved logins, autofill) decrypted with its fixed key.
 */

/** Every file under `dir`, at any depth. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Chromium's OSCrypt on Linux with no keyring: "v10", then AES-128-CBC under PBKDF2-SHA1("peanuts", "saltysalt", 1), IV 16 spaces. */
const v10 = Buffer.from('v10');
const v10Key = pbkdf2Sync('peanuts', 'saltysalt', 1, 16, 'sha1');
const v10Iv = Buffer.alloc(16, ' ');
/** Longer than any value Chromium encrypts in a row (cookie, password, card number). */
const maxSealedBytes = 4096;

/**
 * Every "v10" value in `bytes`, decrypted. Where a value ends is not known inside a database page, so each is
 * decrypted up to `maxSealedBytes` without padding: CBC turns each block back with only its predecessor, so the
 * value's own blocks come out right and the ones after it are noise.
 */
export function chromiumDecrypted(bytes: Buffer): Buffer[] {
  const found: Buffer[] = [];
  for (let at = bytes.indexOf(v10); at !== -1; at = bytes.indexOf(v10, at + 1)) {
    const body = bytes.subarray(at + v10.length, at + v10.length + maxSealedBytes);
    const length = body.length - (body.length % 16);
    if (length === 0) continue;
    const decipher = createDecipheriv('aes-128-cbc', v10Key, v10Iv).setAutoPadding(false);
    found.push(Buffer.concat([decipher.update(body.subarray(0, length)), decipher.final()]));
  }
  return found;
}

/** What a scan reads: the files as they are, and the decrypted values inside them. */
export type Contents = { files: Buffer[]; decrypted: Buffer[] };

export function contentsOf(dirs: readonly string[]): Contents {
  const files = dirs.flatMap(filesUnder).map((file) => readFileSync(file));
  return { files, decrypted: files.flatMap(chromiumDecrypted) };
}

const all = (contents: Contents) => [...contents.files, ...contents.decrypted];
const encodings = (text: string) => [Buffer.from(text, 'utf8'), Buffer.from(text, 'utf16le')];

/** Which of `values` occur in any file under `dir` (or in `contents`), as UTF-8 or UTF-16LE (V8 and Chromium serialise non-Latin-1 strings so). */
export function foundIn(where: string | Contents, values: readonly string[]): string[] {
  const haystack = all(typeof where === 'string' ? contentsOf([where]) : where);
  return values.filter((value) => encodings(value).some((needle) => haystack.some((bytes) => bytes.includes(needle))));
}

/**
 * A select's or checkbox's saved state: Blink writes a control's name, its type and its value (an option's value,
 * "on" for a checked box) as consecutive UTF-16 strings of the page state, each behind a few bytes of length.
 */
export type ControlState = { name: string; type: 'select-one' | 'checkbox'; value: string };

/** Bytes allowed between the strings of one control's state (each string's header, and the count of values between type and value). */
const gap = 96;

function stateAt(bytes: Buffer, parts: readonly Buffer[], from: number): boolean {
  const [part, ...rest] = parts;
  if (!part) return true;
  const at = bytes.indexOf(part, from);
  if (at === -1 || at - from > gap) return false;
  return stateAt(bytes, rest, at + part.length);
}

/** Which of `states` occur anywhere in `contents`: the name, then within a few bytes the type, then the value. */
export function controlStatesIn(contents: Contents, states: readonly ControlState[]): ControlState[] {
  return states.filter((state) => {
    const [name, ...rest] = [state.name, state.type, state.value].map((part) => Buffer.from(part, 'utf16le'));
    return all(contents).some((bytes) => {
      for (let at = bytes.indexOf(name!); at !== -1; at = bytes.indexOf(name!, at + 1)) {
        if (stateAt(bytes, rest, at + name!.length)) return true;
      }
      return false;
    });
  });
}
