/**
 * Every object synth renders, in every environment and app folder, validates against its schema:
 * kubernetes-models for core kinds, the upstream CRD's openAPIV3Schema for custom resources.
 */
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../apps/catalog.ts';
import { renderCatalog } from '../../charts/render.ts';
import { schemaErrors } from '../support/object-validator.ts';

describe('rendered objects', () => {
  // GIVEN the repo's catalog
  // WHEN every environment is rendered
  const rendered = renderCatalog(loadCatalog());
  const objects = rendered.apps.flatMap((app) =>
    app.objects.map((o) => ({ where: `${app.env}/${app.name}/${o.kind}/${o.metadata.name}`, o })),
  );

  it('renders without issues', () => {
    expect(rendered.issues).toEqual([]);
  });

  it.each(objects.map((x) => [x.where, x.o] as const))('%s validates against its schema', (_where, o) => {
    // THEN each object matches its schema
    expect(schemaErrors(o as never)).toEqual([]);
  });
});
