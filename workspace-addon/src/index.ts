export {
  type AddonConfig,
  type AddonConfigInput,
  addonConfigSchema,
  defaultCalendarApiRootUrl,
  defaultGoogleJwksUrl,
  parseAddonConfig,
} from './addon-config.ts';
export type { AddonLogger } from './addon-logger.ts';
export { type AddonEndpoint, addonPaths, endpointUrl } from './addon-paths.ts';
export {
  type ActionResponse,
  type AddonResponse,
  addonResponseSchema,
  type Card,
  cardSchema,
  type TriggerResponse,
} from './card-schema.ts';
export { type AddonAppDeps, createAddonApp } from './create-addon-app.ts';
export {
  addonOauthScopes,
  createDeployment,
  type DeploymentOptions,
  defaultLogoUrl,
} from './create-deployment.ts';
