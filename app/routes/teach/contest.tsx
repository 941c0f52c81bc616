import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { ContestResultsView } from "~/components/contests/organiser";
import { loadContestResults } from "~/modules/contests/organiser.server";
import contestsCss from "~/styles/contests.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: contestsCss }];

/** One contest of this class: figures and leaderboards for its organiser. */
export const loader = ({ request, params }: LoaderFunctionArgs) => loadContestResults(request, params, "class");
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.contest.title }];
export default ContestResultsView;
