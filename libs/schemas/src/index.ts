/** zod schemas and inferred types for Confluence entities, tool inputs and outputs, and configuration. */
export {};
