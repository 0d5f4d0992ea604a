import {
  Content,
  ContentHeader,
  Header,
  InfoCard,
  Page,
} from '@backstage/core-components';
import {
  formatMaturityLevel,
  MATURITY_LEVELS,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';

const LEVEL_SUMMARIES = [
  'Notebooks, hand-copied model files, no version tracking.',
  'Training and deployment are scripts; the endpoint logs errors.',
  'Scheduled training pipelines, a model registry and a quality gate in CI/CD.',
  'Drift monitoring, quality dashboards and A/B rollouts.',
  'Drift-triggered retraining, automatic promotion and a feature store.',
];

/**
 * The org-wide MLOps maturity page.
 *
 * @public
 */
export const ScorecardPage = () => (
  <Page themeId="tool">
    <Header
      title="MLOps maturity"
      subtitle="Where every ML service stands, from 0 Manual to 4 Optimized"
    />
    <Content>
      <ContentHeader title="Maturity levels" />
      <InfoCard title="The scale">
        <List dense aria-label="maturity levels">
          {MATURITY_LEVELS.map(level => (
            <ListItem key={level}>
              <ListItemText
                primary={formatMaturityLevel(level)}
                secondary={LEVEL_SUMMARIES[level]}
              />
            </ListItem>
          ))}
        </List>
      </InfoCard>
    </Content>
  </Page>
);
