import { z } from 'zod';
import { listedTool, portable } from './tool-list';
import { ALL_TOOLS } from './tools';

describe('listedTool', () => {
  it('computes a listing once per tool and shares it frozen, so no server can change another one’s list', () => {
    const tool = ALL_TOOLS.find((t) => t.name === 'get_confluence_page');
    if (!tool) throw new Error('get_confluence_page missing');
    const first = listedTool(tool);
    expect(listedTool(tool)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.inputSchema.properties)).toBe(true);
    expect(() => {
      (first as { description?: string }).description = 'changed';
    }).toThrow(TypeError);
  });

  it('lists what the schemas say, for every tool', () => {
    for (const tool of ALL_TOOLS) {
      const listed = listedTool(tool);
      expect(listed.name).toBe(tool.name);
      expect(listed.inputSchema).toEqual(portable(z.toJSONSchema(z.object(tool.inputSchema), { io: 'input', target: 'draft-7' }) as Record<string, unknown>));
    }
  });
});
