import type { SfConfig } from './config.ts';

// The Salesforce side of the inbound path: Salesforce has no API a connector could call to
// subscribe an HTTP endpoint to Case changes (the research lists Pub/Sub over gRPC, or Outbound
// Messages over SOAP that wait for a SOAP acknowledgement). So set-up prints an Apex Queueable
// and three triggers that post JSON to Baton through a Named Credential, whose External
// Credential adds the shared secret header. Everything here is text for a Salesforce admin.

/** Which Cases are Baton's, as a SOQL condition. */
function batonCaseCondition(config: SfConfig): string {
  return config.handoff_field ? `${config.handoff_field} != null` : `Subject LIKE '%(Baton %'`;
}

export function apexClass(config: SfConfig): string {
  const skipUser = config.integration_user_id ? `'${config.integration_user_id}'` : 'null';
  return [
    'public without sharing class BatonNotify implements Queueable, Database.AllowsCallouts {',
    `    public static final Id INTEGRATION_USER = ${skipUser};`,
    '    private final String payload;',
    '    private final Integer attempt;',
    '    public BatonNotify(String payload, Integer attempt) { this.payload = payload; this.attempt = attempt; }',
    '    public static Set<Id> batonCases(Set<Id> caseIds) {',
    `        return new Map<Id, Case>([SELECT Id FROM Case WHERE Id IN :caseIds AND ${batonCaseCondition(config)}]).keySet();`,
    '    }',
    '    public static void send(List<Map<String, Object>> events) {',
    '        if (events.isEmpty() || UserInfo.getUserId() == INTEGRATION_USER) return;',
    "        String payload = JSON.serialize(new Map<String, Object>{ 'organization_id' => UserInfo.getOrganizationId(), 'events' => events });",
    '        System.enqueueJob(new BatonNotify(payload, 1));',
    '    }',
    '    public void execute(QueueableContext context) {',
    '        HttpRequest req = new HttpRequest();',
    "        req.setEndpoint('callout:Baton');",
    "        req.setMethod('POST');",
    "        req.setHeader('Content-Type', 'application/json');",
    '        req.setBody(payload);',
    '        req.setTimeout(20000);',
    '        Integer status = new Http().send(req).getStatusCode();',
    '        // Baton dedupes by comment, e-mail and case ids: sending again is safe.',
    '        if ((status == 429 || status >= 500) && attempt < 5) System.enqueueJob(new BatonNotify(payload, attempt + 1), attempt * 2);',
    '    }',
    '}',
  ].join('\n');
}

export function apexTriggers(): string[] {
  return [
    [
      'trigger BatonCaseComment on CaseComment (after insert) {',
      '    Set<Id> caseIds = new Set<Id>();',
      '    for (CaseComment c : Trigger.new) caseIds.add(c.ParentId);',
      '    Set<Id> ours = BatonNotify.batonCases(caseIds);',
      '    List<Map<String, Object>> events = new List<Map<String, Object>>();',
      '    for (CaseComment c : Trigger.new) {',
      '        if (!c.IsPublished || !ours.contains(c.ParentId)) continue;',
      "        events.add(new Map<String, Object>{ 'type' => 'comment', 'id' => c.Id, 'case_id' => c.ParentId, 'body' => c.CommentBody, 'is_published' => c.IsPublished,",
      "            'created_by_id' => c.CreatedById, 'created_by_name' => UserInfo.getName(), 'created_at' => c.CreatedDate });",
      '    }',
      '    BatonNotify.send(events);',
      '}',
    ].join('\n'),
    [
      'trigger BatonEmailMessage on EmailMessage (after insert) {',
      '    Set<Id> caseIds = new Set<Id>();',
      '    for (EmailMessage m : Trigger.new) if (m.ParentId != null && m.ParentId.getSObjectType() == Case.SObjectType) caseIds.add(m.ParentId);',
      '    Set<Id> ours = BatonNotify.batonCases(caseIds);',
      '    List<Map<String, Object>> events = new List<Map<String, Object>>();',
      '    for (EmailMessage m : Trigger.new) {',
      '        if (m.Incoming || !ours.contains(m.ParentId)) continue;',
      "        events.add(new Map<String, Object>{ 'type' => 'email', 'id' => m.Id, 'case_id' => m.ParentId, 'body' => (m.TextBody != null ? m.TextBody : m.HtmlBody), 'incoming' => m.Incoming,",
      "            'created_by_id' => m.CreatedById, 'created_by_name' => UserInfo.getName(), 'created_at' => m.CreatedDate });",
      '    }',
      '    BatonNotify.send(events);',
      '}',
    ].join('\n'),
    [
      'trigger BatonCaseClosed on Case (after update) {',
      '    Set<Id> closed = new Set<Id>();',
      '    for (Case c : Trigger.new) if (c.IsClosed && !Trigger.oldMap.get(c.Id).IsClosed) closed.add(c.Id);',
      '    if (closed.isEmpty()) return;',
      '    Set<Id> ours = BatonNotify.batonCases(closed);',
      '    List<Map<String, Object>> events = new List<Map<String, Object>>();',
      '    for (Case c : Trigger.new) {',
      '        if (!ours.contains(c.Id)) continue;',
      "        events.add(new Map<String, Object>{ 'type' => 'case', 'id' => c.Id, 'case_id' => c.Id, 'status' => c.Status, 'is_closed' => true,",
      "            'closed_at' => c.ClosedDate, 'changed_by_id' => UserInfo.getUserId() });",
      '    }',
      '    BatonNotify.send(events);',
      '}',
    ].join('\n'),
  ];
}

export function manualSteps(config: SfConfig, webhookUrl: string): string[] {
  const fields = [
    config.handoff_field ? null : 'Baton_Handoff_Id__c (Text 64, External ID, Unique) then config.handoff_field',
    config.intent_field ? null : 'Baton_Intent__c (Text 80) then config.intent_field',
    config.confidence_field ? null : 'Baton_Confidence__c (Number 1,2) then config.confidence_field',
  ].filter(Boolean);
  return [
    'App for Baton\'s calls (OAuth 2.0 client credentials): Setup > External Client App Manager > New External Client App (or App Manager > New Connected App where still allowed), Distribution State "Local": Enable OAuth, callback URL https://localhost, scope "Manage user data via APIs (api)", Flow Enablement: tick "Enable Client Credentials Flow". Then its Policies: Client Credentials Flow > Run As: an API-only integration user who can create and edit Cases and CaseComments and assign them to your queues. Save the Consumer Key and Consumer Secret as credentials.client_id and credentials.client_secret.',
    `Set-up recorded this org (${config.organization_id ?? '?'}) and the integration user (${config.integration_user_id ?? '?'}) in the connector config: callouts from another org are refused, writes by that user are treated as Baton's own.`,
    'Shared secret: generate one (e.g. openssl rand -hex 24) and save it as credentials.webhook_secret of this connector.',
    'Setup > Named Credentials > External Credentials > New: Label and Name "Baton", Authentication Protocol "Custom". Principals > New: Parameter Name "baton", Identity Type "Named Principal", Authentication Parameter Name "secret", Value = the shared secret. Custom Headers > New: Name "X-Baton-Secret", Value {!$Credential.Baton.secret}.',
    `Setup > Named Credentials > Named Credentials > New: Label and Name "Baton", URL ${webhookUrl}, External Credential "Baton", tick "Allow Formulas in HTTP Header" and "Generate Authorization Header" off.`,
    'Setup > Permission Sets > New "Baton callout": External Credential Principal Access > add "Baton - baton". Assign it to every user who works Baton cases (the callout runs as the agent who replied or closed).',
    'Developer Console (or a sandbox, then a change set: production needs 75 % Apex test coverage, a test with HttpCalloutMock covers it): create this Apex class:\n' +
      apexClass(config),
    ...apexTriggers().map((t) => 'and this trigger:\n' + t),
    "What comes back: public Case Comments and outgoing e-mails on Baton cases become agent messages in the chat; closing the Case gives the chat back to the bot. Private comments, Chatter posts and the integration user's own writes are not sent.",
    ...(fields.length
      ? [
          `Optional: Object Manager > Case > Fields & Relationships > New, visible and editable for the integration user: ${fields.join('; ')}.`,
        ]
      : []),
    `Picklists: Case Origin "${config.origin}", Status "${config.new_status}" and "${config.closed_status}", Priority ${Object.values(
      config.priority_map,
    )
      .map((v) => `"${v}"`)
      .join(', ')} must exist (config origin, new_status, closed_status, priority_map).`,
  ];
}
