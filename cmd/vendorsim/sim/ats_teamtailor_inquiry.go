package sim

// teamtailorInquiry is the default /inquiry answer of the simulated
// Teamtailor Direct Apply API: Teamtailor's own example, verbatim
// (Teamtailor/tt-partner-docs, source/includes/job_boards/direct_apply/
// _index.md.erb, "GET Inquiry"; testdata/teamtailor/
// teamtailor-direct-apply-inquiry-response.json, which a test keeps it
// equal to). It holds every documented question type, and "color", which
// is not one.
const teamtailorInquiry = `{
  "company": {
       "name": "Teamtailor",
       "uuid": "xyz"
  },
  "job_status": "active",
  "application_fields": [
    {
        "name": "name",
        "requirement": "required"
    },
    {
        "name": "phone",
        "requirement": "optional"
    },
    {
        "name": "resume",
        "requirement": "optional"
    },
    {
        "name": "cover_letter",
        "requirement": "off"
    }
  ],
  "questions": [
    {
      "id": 4,
      "question": "Are you a designer?",
      "required": true,
      "type": "select",
      "options": [
        { "value": true, "label": "Yes" },
        { "value": false, "label": "No" }
      ],
      "conditional": false,
      "parent_question_id": null,
      "conditional_value": null
    },
    {
      "id": 5,
      "question": "Favorite social media platforms?",
      "required": false,
      "type": "multiselect",
      "options": [
        { "value": 1, "label": "Facebook" },
        { "value": 2, "label": "Twitter" },
        { "value": 3, "label": "Instagram" },
        { "value": 4, "label": "Snapchat" },
        { "value": 5, "label": "Other" }
      ],
      "conditional": false,
      "parent_question_id": null,
      "conditional_value": null
    },
    {
      "id": 6,
      "question": "What did you learn this week?",
      "required": true,
      "type": "textarea",
      "conditional": false,
      "parent_question_id": null,
      "conditional_value": null
    },
    {
      "id": 7,
      "question": "Years of experience",
      "required": true,
      "type": "range",
      "format": "integer",
      "min": 0,
      "max": 20,
      "unit": "years",
      "conditional": false,
      "parent_question_id": null,
      "conditional_value": null
    },
    {
      "id": 8,
      "question": "Please upload your diploma",
      "required": false,
      "type": "file",
      "conditional": false,
      "parent_question_id": null,
      "conditional_value": null
    },
    {
      "id": 9,
      "question": "What is your name?",
      "required": false,
      "type": "text",
      "conditional": false,
      "parent_question_id": null,
      "conditional_value": null
    },
    {
      "id": 10,
      "question": "What is your date of birth?",
      "required": false,
      "type": "date",
      "conditional": false,
      "parent_question_id": null,
      "conditional_value": null
    },
    {
      "id": 11,
      "question": "How many apples do you eat?",
      "required": false,
      "type": "number",
      "conditional": false,
      "parent_question_id": null,
      "conditional_value": null
    },
    {
      "id": 12,
      "question": "What is your favorite color?",
      "required": false,
      "type": "color",
      "conditional": true,
      "parent_question_id": 11,
      "conditional_value": 10
    }
  ],
  "consents": [
    {
      "consent_type": "privacy_policy",
      "required": true,
      "text": "I have read the <a class=\"privacy-policy\" href=\"https://career.teamtailor.localhost/privacy-policy\">Privacy Policy</a> and confirm that Teamtailor store my personal details to be able to process my job application.",
      "url": "https://career.teamtailor.localhost/privacy-policy"
    },
    {
      "consent_type": "future_jobs",
      "required": false,
      "text": "Yes, Teamtailor can also contact me about future job opportunities."
    }
  ]
}
`
