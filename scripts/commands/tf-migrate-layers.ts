/**
 * Usage and options of `npm run tf:migrate-layers`.
 */
import type { CommandSpec } from '../cli.ts';

const options = { state: { type: 'string' } } as const;

/** `npm run tf:migrate-layers`. */
export const TF_MIGRATE_LAYERS_SPEC: CommandSpec<typeof options> = {
  name: 'tf-migrate-layers',
  usage: `usage: npm run tf:migrate-layers -- <dev|staging|prod> [--state <file>]

Prints the bash script that moves an environment's single Terraform state
(platform/terraform.tfstate) into its six layer states (layers/<layer>.tfstate) with
terraform state mv, then pushes and plans each layer root in apply order (scripts/tf-layers.ts).
Save it (npm run -s tf:migrate-layers -- <env> > migrate-<env>.sh), review it, then run it from
the repository root (terraform/README.md "Moving an environment to layered state"). It never
writes or deletes the old state object.

  --state <file>   plan the moves from this copy of the state (terraform state pull);
                   default: pull it from the environment's state bucket (needs AWS credentials)

Exit codes: 0 script printed, 2 usage error, unreadable or invalid state, or a resource no layer owns.`,
  options,
  positionals: { min: 1, max: 1 },
};
