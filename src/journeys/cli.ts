// `npm run journeys [-- options]`: runs every shopper journey through both containers and prints
// what TikTok counted. See docs/journeys.md.

import * as path from 'path';
import { loadTemplate } from '../sandbox';
import { COSTS, JOURNEYS } from './journeys';
import { formatReport } from './report';
import { runJourney, type Journey, type JourneyResult } from './run';
import { defaultChoice, pixelProfile, serverProfile, type TemplateChoice } from './setups';

const USAGE = `usage: npm run journeys -- [--web-tag FILE.tpl] [--server-tag FILE.tpl] [--only TEXT] [--costs] [--details] [--trace] [--json] [--strict]
  --web-tag     a web tag template to use in place of our TikTok Pixel tag
  --server-tag  a server tag template to use in place of our TikTok Events API tag
  --only        run the journeys whose name contains TEXT
  --costs       run the journeys that show what the settings the guide advises against cost
  --details     explain every journey, not only the failing ones
  --trace       add what the browser did, step by step
  --json        print the results as JSON
  --strict      exit 1 when a journey is not counted exactly once with the exact value`;

async function main(argv: string[]): Promise<number> {
  const options: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--web-tag' || arg === '--server-tag' || arg === '--only') {
      const value = argv[++i];
      if (value === undefined) return usage(`${arg} needs a value`);
      options[arg.slice(2)] = value;
    } else if (arg === '--details' || arg === '--trace' || arg === '--json' || arg === '--strict' || arg === '--costs') {
      options[arg.slice(2)] = true;
    } else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      return 0;
    } else {
      return usage(`unknown argument ${arg}`);
    }
  }
  const choice: TemplateChoice = defaultChoice();
  try {
    if (typeof options['web-tag'] === 'string') choice.pixelTag = loadTemplate(path.resolve(options['web-tag']));
    if (typeof options['server-tag'] === 'string') choice.serverTag = loadTemplate(path.resolve(options['server-tag']));
  } catch (error) {
    console.error(`cannot load the template: ${(error as Error).message}`);
    return 1;
  }
  const only = typeof options.only === 'string' ? options.only.toLowerCase() : undefined;
  const journeys = (options.costs ? COSTS : JOURNEYS).filter((journey) => !only || journey.name.toLowerCase().includes(only));
  const results: JourneyResult[] = [];
  for (const journey of journeys) results.push(await runJourney(journey, choice));

  if (options.json) {
    console.log(JSON.stringify(results, null, 2));
  } else {
    console.log(`TikTok Pixel tag: ${pixelProfile(choice.pixelTag).label} (${path.basename(choice.pixelTag.fileName)}); ` +
      `Events API tag: ${serverProfile(choice.serverTag).label} (${path.basename(choice.serverTag.fileName)})\n`);
    const summary = options.costs ? costSummary(journeys, results) : undefined;
    console.log(formatReport(results, { details: options.details === true, trace: options.trace === true, summary }));
  }
  const failed = results.some((result) => !result.skipped && !(result.exactlyOnce && result.valueExact));
  return options.strict && failed ? 1 : 0;
}

/** For --costs: how many journeys show the problem the guide says their setting causes. */
function costSummary(journeys: Journey[], results: JourneyResult[]): string {
  const shown = journeys.filter((journey, index) => journey.cost && results[index].problems.some((problem) => journey.cost!.shows.test(problem)));
  return `settings the guide advises against: ${shown.length}/${journeys.length} show the cost the guide names`;
}

function usage(message: string): number {
  console.error(`${message}\n${USAGE}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
