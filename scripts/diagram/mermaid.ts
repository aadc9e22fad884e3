/**
 * A rollout as a Mermaid flowchart (GitHub renders ```mermaid blocks natively): the root, then one
 * subgraph per sync wave in the order Argo CD applies them, Applications grouped by project inside
 * each wave, Helm add-ons labelled with chart and version. Deterministic: sorted by wave, project
 * and name, ids derived from names.
 */
import type { Rollout, RolloutApp } from './rollout.ts';

/** Applications to highlight, by name. */
export interface Highlight {
  readonly added?: ReadonlySet<string>;
  readonly changed?: ReadonlySet<string>;
}

const id = (prefix: string, name: string): string => `${prefix}_${name.replace(/[^A-Za-z0-9]/g, '_')}`;
const waveId = (wave: number): string => `wave_${wave < 0 ? `m${-wave}` : wave}`;
/** Mermaid label text: quotes and angle brackets as entity codes, so names cannot break the syntax. */
const text = (s: string): string => s.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');

function label(app: RolloutApp): string {
  if (!app.chart) return text(app.name);
  const chart = app.chart.name === app.name ? '' : `${text(app.chart.name)} `;
  return `${text(app.name)}<br/><small>chart ${chart}${text(app.chart.version)}</small>`;
}

/** The Mermaid source (without the code fence) of `rollout`. */
export function renderMermaid(rollout: Rollout, highlight: Highlight = {}): string {
  const lines = ['flowchart TB'];
  const root = rollout.root;
  lines.push(`  ${id('app', root.name)}(["${text(root.name)}<br/><small>${text(root.path ?? '')}</small>"])`);
  const waves = [...new Set([...rollout.projects.map((p) => p.wave), ...rollout.apps.map((a) => a.wave)])].sort((a, b) => a - b);
  for (const wave of waves) {
    const projects = rollout.projects.filter((p) => p.wave === wave);
    const apps = rollout.apps.filter((a) => a.wave === wave);
    lines.push(`  subgraph ${waveId(wave)}["wave ${wave}"]`);
    lines.push('    direction LR');
    if (projects.length > 0)
      lines.push(
        `    ${id('projects', String(wave).replace('-', 'm'))}[/"AppProjects<br/>${projects.map((p) => text(p.name)).join('<br/>')}"/]`,
      );
    for (const project of [...new Set(apps.map((a) => a.project))].sort()) {
      lines.push(`    subgraph ${id(`${waveId(wave)}_project`, project)}["project ${text(project)}"]`);
      for (const app of apps.filter((a) => a.project === project)) lines.push(`      ${id('app', app.name)}["${label(app)}"]`);
      lines.push('    end');
    }
    lines.push('  end');
  }
  const chain = [id('app', root.name), ...waves.map(waveId)];
  for (let i = 1; i < chain.length; i++) lines.push(`  ${chain[i - 1]} --> ${chain[i]}`);
  const added = rollout.apps.filter((a) => highlight.added?.has(a.name)).map((a) => id('app', a.name));
  const changed = rollout.apps.filter((a) => highlight.changed?.has(a.name) && !highlight.added?.has(a.name)).map((a) => id('app', a.name));
  if (added.length > 0) lines.push('  classDef added fill:#dafbe1,stroke:#1a7f37,stroke-width:2px', `  class ${added.join(',')} added`);
  if (changed.length > 0)
    lines.push('  classDef changed fill:#fff8c5,stroke:#9a6700,stroke-width:2px', `  class ${changed.join(',')} changed`);
  return lines.join('\n');
}
