export * from './types';
export * from './extensionPoint';
export * from './collectPerReference';
export * from './RunScopedCache';
export * from './ToolHttpClient';
export * from './Semaphore';
export * from './toolInstances';
export * from './InstanceCollector';
