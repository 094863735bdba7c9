/** Realistic-looking prose, already escaped for storage format, from the vocabulary and a seeded stream. */
import { decodeEntities, escapeXml } from './markup';
import { Rng } from './random';
import {
  ACTIONS, ALERTS, COMPONENTS, CONFIG_KEYS, DURATIONS, ENVIRONMENTS, METRICS, ROLES, SENTENCES, SERVICES, TEAMS,
  TOOLS, TOPICS,
} from './vocabulary';

const SLOTS: Record<string, readonly string[]> = {
  service: SERVICES,
  component: COMPONENTS,
  env: ENVIRONMENTS,
  team: TEAMS,
  topic: TOPICS,
  metric: METRICS,
  alert: ALERTS,
  config: CONFIG_KEYS,
  tool: TOOLS,
  role: ROLES,
  duration: DURATIONS,
  action: ACTIONS,
};

/** A template split once into literal text (even indexes) and slot names (odd indexes). */
type Compiled = string[];

const COMPILED: Compiled[] = SENTENCES.map((s) => escapeXml(s).split(/\{(\w+)\}/));
const ESCAPED: Record<string, string[]> = Object.fromEntries(
  Object.entries(SLOTS).map(([k, v]) => [k, v.map(escapeXml)]),
);

export class TextGen {
  constructor(private readonly rng: Rng) {}

  /** One sentence; with `markup`, some values are set in `<code>`, `<strong>` or `<em>`. */
  sentence(markup = true): string {
    const parts = this.rng.pick(COMPILED);
    let out = parts[0];
    for (let i = 1; i < parts.length; i += 2) {
      out += this.slot(parts[i], markup) + parts[i + 1];
    }
    const first = out.charCodeAt(0);
    return first >= 97 && first <= 122 ? String.fromCharCode(first - 32) + out.slice(1) : out;
  }

  /** Several sentences joined into paragraph text. */
  sentences(min: number, max: number, markup = true): string {
    const n = this.rng.int(min, max);
    let out = this.sentence(markup);
    for (let i = 1; i < n; i++) out += ' ' + this.sentence(markup);
    return out;
  }

  /** One sentence as plain (unescaped) text, for comments' selections and file contents. */
  plainSentence(): string {
    return decodeEntities(this.sentence(false));
  }

  /** A raw (unescaped) value of a vocabulary list, for titles and attributes. */
  raw(slot: keyof typeof SLOTS): string {
    return this.rng.pick(SLOTS[slot]);
  }

  private slot(name: string, markup: boolean): string {
    if (name === 'count') return String(this.rng.pick([2, 3, 5, 10, 25, 50, 100, 200, 250, 500, 1000]));
    const value = this.rng.pick(ESCAPED[name]);
    if (!markup) return value;
    if (name === 'config') return `<code>${value}</code>`;
    if (name === 'service' && this.rng.chance(0.3)) return `<strong>${value}</strong>`;
    if (name === 'metric' && this.rng.chance(0.2)) return `<em>${value}</em>`;
    return value;
  }
}

/** Capitalises the first letter (titles start with a capital even when the topic does not). */
export function capitalise(text: string): string {
  return text.length === 0 ? text : text[0].toUpperCase() + text.slice(1);
}
