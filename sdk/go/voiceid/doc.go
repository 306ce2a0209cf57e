// Amazon Connect Voice ID domains, watchlists and batch jobs (fraudster registration, speaker enrollment), served by pulumi-voiceid's native plugin.
package voiceid
