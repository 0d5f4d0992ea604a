import { entityTabUrl } from './links';

describe('entityTabUrl', () => {
  it("is the catalog's entity route with the plugin's tab", () => {
    expect(
      entityTabUrl(
        'https://backstage.example.com/',
        'component:default/churn-predictor',
      ),
    ).toBe(
      'https://backstage.example.com/catalog/default/component/churn-predictor/mlops-maturity',
    );
  });

  it('lower-cases the kind as the catalog route does, and encodes the parts', () => {
    expect(
      entityTabUrl('http://localhost:3000', 'Component:ml team/model #1'),
    ).toBe(
      'http://localhost:3000/catalog/ml%20team/component/model%20%231/mlops-maturity',
    );
  });
});
