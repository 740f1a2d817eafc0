import { parseArgs } from 'node:util';
import { createDeployment } from './create-deployment.ts';

/**
 * Prints deployment.json for gcloud from the command line, e.g.
 *   node workspace-addon/src/print-deployment.ts --base-url https://wygc.example.com/addon \
 *     --web-admin-url https://wygc.example.com > deployment.json
 */
const { values } = parseArgs({
  options: {
    'base-url': { type: 'string' },
    'web-admin-url': { type: 'string' },
    name: { type: 'string' },
    'logo-url': { type: 'string' },
  },
  strict: true,
});

try {
  const deployment = createDeployment({
    baseUrl: values['base-url'] ?? '',
    webAdminUrl: values['web-admin-url'] ?? '',
    ...(values.name === undefined ? {} : { name: values.name }),
    ...(values['logo-url'] === undefined ? {} : { logoUrl: values['logo-url'] }),
  });
  process.stdout.write(`${JSON.stringify(deployment, null, 2)}\n`);
} catch (error) {
  const issues = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
  const detail = issues?.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
  console.error(
    `print-deployment: ${detail ?? String(error)}\nusage: print-deployment --base-url https://host/addon --web-admin-url https://host [--name N] [--logo-url URL]`,
  );
  process.exitCode = 2;
}
