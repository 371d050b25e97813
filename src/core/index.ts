// Pure TikTok logic shared by every template (see README.md in this folder).
export * from './toolkit';
export * from './event-model';
export * from './ga4-input';
export * from './server-input';
export * from './web-input';
export * from './event-names';
export * from './contents';
export * from './event-id';
export * from './identity';
export * from './cookies';
export * from './user-data';
export * from './consent';
export * from './payload';
export * from './response';
export * from './conversion';
export * from './map-event';
