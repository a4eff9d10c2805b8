/**
 * Words that say nothing about which event an article reports: function words, and the verbs and
 * nouns of any news story ("said", "told", "tuesday"). IDF would push most of them
 * down anyway, but only once thousands of articles are stored; this list keeps the first stories
 * of a new store apart too.
 */
export const STORY_STOPWORDS: ReadonlySet<string> = new Set(
  `a about above across after afterwards again against all almost alone along already also although
  always am among amongst an and another any anyhow anyone anything anyway anywhere are around as at
  back be became because become becomes becoming been before beforehand behind being below beside
  besides between beyond both but by can cannot could did do does doing done down during each either
  else elsewhere enough even ever every everyone everything everywhere except few for former formerly
  from further had has have having he hence her here hereafter hereby herein hers herself him himself
  his how however i if in indeed into is it its itself just last latter latterly least less made many
  may me meanwhile might mine more moreover most mostly much must my myself namely neither never
  nevertheless next no nobody none noone nor not nothing now nowhere of off often on once one only
  onto or other others otherwise our ours ourselves out over own per perhaps please put rather re
  same see seem seemed seeming seems several she should since so some somehow someone something
  sometime sometimes somewhere still such than that the their theirs them themselves then thence
  there thereafter thereby therefore therein thereupon these they this those though through
  throughout thru thus to together too toward towards under until up upon us very via was we well
  were what whatever when whence whenever where whereafter whereas whereby wherein whereupon wherever
  whether which while whither who whoever whole whom whose why will with within without would yet
  you your yours yourself yourselves
  said says say saying told tell tells asked ask according added adding also like get got go going
  went come came make makes making take took want wants wanted know think thought way time times
  thing things lot really including including new news year years day days week weeks month months
  today yesterday tomorrow tonight morning evening night people percent part
  monday tuesday wednesday thursday friday saturday sunday
  january february march april may june july august september october november december
  jan feb mar apr jun jul aug sep sept oct nov dec
  mr mrs ms dr sen rep gov st jr
  abstract full text latest updated update story stories report reports reported reporting
  read watch video photo image images file`
    .split(/\s+/)
    .filter(Boolean),
);
