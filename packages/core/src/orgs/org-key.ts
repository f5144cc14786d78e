import { foldWidth } from '../text/normalize.ts';

/**
 * The place a directory is about, taken from its root government's name:
 * 鹰潭市人民政府 → { name: '鹰潭市', level: '市' }.
 */
export type Place = {
  /** The place name with its level character (鹰潭市, 月湖区, 余江县). */
  name: string;
  /** The level character that stands for the place in short names: 市 in 市司法局. */
  level: string;
};

/** Level characters a place name may end with. */
const PLACE_LEVELS = '省市区县旗州盟';

/** The place of a root government (鹰潭市人民政府 → 鹰潭市, 市), or null when it cannot be told. */
export function placeOf(rootName: string): Place | null {
  let name = foldWidth(rootName).trim();
  if (name.endsWith('人民政府')) name = name.slice(0, -4);
  else if (name.endsWith('政府')) name = name.slice(0, -2);
  else return null;
  const level = name.slice(-1);
  if (name.length < 2 || !PLACE_LEVELS.includes(level)) return null;
  return { name, level };
}

const WHITESPACE = /\s+/g;

/**
 * The form under which names, aliases and phrases are compared: width folded (（）→()),
 * whitespace removed, 人民政府 → 政府, 管理委员会 → 管委会, `,` → `、`, a leading 中共 /
 * 中国共产党 dropped, and a leading place name replaced by its level character
 * (鹰潭市司法局 → 市司法局, 鹰潭市人民政府 → 市政府).
 */
export function orgKey(text: string, place: Place | null): string {
  let key = foldWidth(text).replace(WHITESPACE, '');
  key = key.replaceAll('人民政府', '政府').replaceAll('管理委员会', '管委会').replaceAll(',', '、');
  if (key.startsWith('中国共产党')) key = key.slice(5);
  else if (key.startsWith('中共')) key = key.slice(2);
  if (place !== null && key.startsWith(place.name)) key = place.level + key.slice(place.name.length);
  return key;
}

/**
 * The key of a phrase with its leading place name dropped rather than shortened
 * (鹰潭市月湖区人民政府 → 月湖区政府), or null when the phrase does not start with the place name.
 */
export function orgKeyWithoutPlace(text: string, place: Place | null): string | null {
  if (place === null) return null;
  const folded = foldWidth(text).replace(WHITESPACE, '');
  const start = folded.startsWith('中共') ? 2 : 0;
  if (!folded.startsWith(place.name, start)) return null;
  const rest = folded.slice(start + place.name.length);
  return rest === '' ? null : orgKey(rest, null);
}
