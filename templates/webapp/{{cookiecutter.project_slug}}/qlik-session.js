{% include 'qlik-session.js' %}
