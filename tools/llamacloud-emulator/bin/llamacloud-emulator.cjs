#!/usr/bin/env node
// `npx llamacloud-emulator [flags]` from an installed package: the same CLI as `npm run llamacloud-emulator` here.
require('../main.js');
