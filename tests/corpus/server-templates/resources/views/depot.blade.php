@extends('layouts.app')

@section('content')
  <div id="depot" class="chart"></div>
  @if (config('qlik.enabled'))
    <script>
      var depotConfig = {
        host: "{{ config('qlik.tenant') }}",
        prefix: "/",
        port: 443,
        isSecure: true,
        webIntegrationId: "{!! config('qlik.web_integration_id') !!}"
      };
    </script>
    @vite(['resources/js/app.js'])
  @endif
@endsection
