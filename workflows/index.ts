// The workflows the engine's worker registers.
export { campaignWorkflow } from './campaign.workflow';
export { definitionRegistryWorkflow } from './definition-registry.workflow';
export { hazardWorkflow } from './hazard.workflow';
export { collectedActionWorkflow } from './collected-action.workflow';
