export const pluginId = 'MLOps maturity';
