/** Typed Confluence Cloud and Data Center REST client. */
export {};
