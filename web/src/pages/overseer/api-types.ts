/**
 * The shapes of the oversight APIs the Center's pages read (type-only imports of the server's use cases: nothing
 * of the server is bundled, and a change of shape fails the type check, not the Center).
 */
import type { AlertFigures } from '../../../../server/app/oversight/alert-figures.ts';
import type { CriteriaInForce } from '../../../../server/app/oversight/evaluation-criteria.ts';
import type { AgencyRanking, Commendations } from '../../../../server/app/oversight/rankings.ts';
import type { ReprimandFlags } from '../../../../server/app/oversight/reprimand.ts';
import type { EvaluationCriteria } from '../../../../server/domain/oversight/ranking.ts';

export type { AgencyRanking, AlertFigures, Commendations, CriteriaInForce, EvaluationCriteria, ReprimandFlags };
