// frictionless-validate.js: validates a data package with the Frictionless
// `datapackage` library (npm): the descriptor against the tabular-data-package
// profile, then every row of every resource against its Table Schema (types,
// formats, constraints, primary and foreign keys). Prints "valid N" (rows
// read) or each error, and exits 1 on any. Usage: node THIS DIR/datapackage.json
'use strict';
const path = require('path');
const { Package } = require('datapackage');

async function main() {
	const file = process.argv[2];
	const dp = await Package.load(path.resolve(file), {
		basePath: path.dirname(path.resolve(file)), strict: false });
	let bad = 0, rows = 0;
	if (!dp.valid) {
		for (const e of dp.errors)
			console.log('descriptor: ' + e.message);
		process.exit(1);
	}
	for (const r of dp.resources) {
		if (!r.tabular) {
			console.log(r.name + ': not tabular');
			bad++;
			continue;
		}
		try {
			const rs = await r.read({ relations: true, forceCast: false });
			rows += rs.length;
		} catch (e) {
			bad++;
			console.log(r.name + ': ' + e.message);
			for (const x of (e.errors || []).slice(0, 5))
				console.log('  ' + x.message);
		}
	}
	if (bad)
		process.exit(1);
	console.log('valid ' + dp.resources.length + ' resources ' + rows +
	    ' rows');
}
main().catch((e) => { console.log('error: ' + e.message); process.exit(1); });
