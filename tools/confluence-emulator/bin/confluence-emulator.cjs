#!/usr/bin/env node
// `npx confluence-emulator [flags]` from an installed package: the same CLI as `npm run emulator` in this repository.
require('../main.js');
