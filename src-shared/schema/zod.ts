import { z } from 'zod';

// Zod's own messages (wrong type, too long…) in Chinese; our schemas add field-specific wording on top.
z.config(z.locales.zhCN());

export { z };
